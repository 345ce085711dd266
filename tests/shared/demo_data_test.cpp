#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "tumen/demo_data.hpp"
#include "tumen/filter.hpp"
#include "tumen/lead_lifecycle.hpp"
#include "tumen/text_fold.hpp"

using namespace tumen;

namespace {

constexpr Timestamp now = 1795786200;  // 2026-11-27T13:30:00Z

demo::Config config(std::uint64_t seed = 7) {
    demo::Config c;
    c.seed = seed;
    c.now = now;
    return c;
}

bool contains(const std::vector<std::int64_t>& v, std::int64_t x) { return std::find(v.begin(), v.end(), x) != v.end(); }

}  // namespace

TEST_CASE("demo catalog records are valid and consistent") {
    const auto cat = demo::demo_catalog(2);
    REQUIRE(cat.users.size() == 8);
    CHECK(cat.users.front().id == 2);
    CHECK(cat.users.front().name == "Батбаяр Ганболд");
    REQUIRE(cat.teams.size() == 3);
    CHECK(cat.stages.size() == 18);  // Ulaanbaatar's eight, five each for the other two teams
    for (const auto& t : cat.teams) {
        CHECK(validate(t).empty());
        CHECK(filter::parse_checked(t.assignment_domain, filter::lead_filter_fields()).ok());
        const auto pipeline = pipeline_stages(cat.stages, t.id);
        REQUIRE(pipeline.size() == (t.id == 1 ? 8u : 5u));
        CHECK(pipeline.back().is_won);
        CHECK(first_stage(cat.stages, t.id)->sequence == 1);
    }
    for (const auto& s : cat.stages) CHECK(validate(s).empty());
    for (const auto& m : cat.members) {
        CHECK(validate(m).empty());
        CHECK(contains(cat.teams[static_cast<std::size_t>(m.team_id - 1)].member_ids, m.user_id));
    }
    for (const auto& r : cat.lost_reasons) CHECK(validate(r).empty());
    for (const auto& t : cat.tags) CHECK(validate(t).empty());
    for (const auto& c : cat.contact_categories) CHECK(validate(c).empty());
    for (const auto& u : cat.sources) CHECK(validate(u).empty());
    CHECK(cat.tags[0].id == 1);
}

TEST_CASE("demo data is deterministic per (seed, index)") {
    demo::Generator a(config(7));
    demo::Generator b(config(7));
    demo::Generator other(config(8));
    for (std::int64_t i : {0, 1, 57, 99999, 999999}) {
        CHECK(a.lead(i) == b.lead(i));
        CHECK(a.lead(i).id == i + 1);
    }
    CHECK_FALSE(a.lead(3) == other.lead(3));
    CHECK(a.contact(5) == b.contact(5));
    CHECK(a.lead(10) == a.lead(10));  // no hidden state between calls
}

TEST_CASE("demo contacts: companies first, people linked to them, all valid") {
    demo::Generator g(config());
    const auto& cfg = g.config();
    CHECK(g.contact(0).name == "Монгол Шуудан ХХК");  // company 0 of the Mongolian list, when Mongolian
    int with_parent = 0;
    for (std::int64_t i = 0; i < g.contact_count(); ++i) {
        const auto c = g.contact(i);
        CHECK(c.id == cfg.first_contact_id + i);
        CHECK(c.is_company == (i < cfg.company_count));
        REQUIRE(validate(c).empty());
        if (c.parent_id) {
            ++with_parent;
            CHECK(*c.parent_id >= cfg.first_contact_id);
            CHECK(*c.parent_id < cfg.first_contact_id + cfg.company_count);
        }
    }
    CHECK(with_parent > cfg.person_count / 2);
}

TEST_CASE("demo leads are valid, reference the catalog and look realistic") {
    demo::Generator g(config());
    const auto& cat = g.catalog();
    int won = 0, lost = 0, no_team = 0, cyrillic = 0, leads = 0, with_partner = 0;
    std::set<std::string> cities;
    const int n = 3000;
    for (int i = 0; i < n; ++i) {
        const Lead l = g.lead(i);
        const auto errors = validate(l);
        if (!errors.empty()) FAIL(errors.list().front().field, " ", errors.list().front().message);
        CHECK(l.create_date <= now);
        CHECK(l.create_date >= now - 731 * seconds_per_day);
        CHECK(*l.date_last_stage_update >= l.create_date);
        if (l.team_id) {
            const Stage* s = find_stage(cat.stages, *l.stage_id);
            REQUIRE(s);
            CHECK(stage_fits_team(*s, l.team_id));
            if (l.user_id) CHECK(contains(cat.teams[static_cast<std::size_t>(*l.team_id - 1)].member_ids, *l.user_id));
        } else {
            ++no_team;
            CHECK_FALSE(l.stage_id);
        }
        if (l.partner_id) {
            ++with_partner;
            CHECK(*l.partner_id < g.config().first_contact_id + g.contact_count());
        }
        const auto status = won_status(l, cat.stages);
        won += status == WonStatus::won;
        lost += status == WonStatus::lost;
        if (status == WonStatus::lost) CHECK(l.lost_reason_id);
        leads += l.type == LeadType::lead;
        cyrillic += text::fold(l.name) != l.name || l.lang == "mn";
        cities.insert(l.address.city);
    }
    CHECK(won > n / 10);
    CHECK(won < n / 4);
    CHECK(lost > n / 10);
    CHECK(no_team > 0);
    CHECK(no_team < n / 10);
    CHECK(leads > 0);
    CHECK(with_partner > n / 4);
    CHECK(cyrillic > n / 2);
    CHECK(cities.count("Улаанбаатар") == 1);
    CHECK(cities.count("Дархан") == 1);
    CHECK(cities.count("Эрдэнэт") == 1);
}

TEST_CASE("every stage of every demo pipeline holds leads; open ones thin out towards the end") {
    demo::Generator g(config());
    const auto& cat = g.catalog();
    std::map<std::int64_t, int> per_stage;
    for (int i = 0; i < 20000; ++i)
        if (const Lead l = g.lead(i); l.stage_id && l.active) ++per_stage[*l.stage_id];
    for (const auto& t : cat.teams) {
        const auto pipeline = pipeline_stages(cat.stages, t.id);
        for (std::size_t i = 0; i < pipeline.size(); ++i) {
            INFO("team ", t.id, " stage ", pipeline[i].name);
            CHECK(per_stage[pipeline[i].id] > 0);
        }
        const int first_open = per_stage[pipeline.front().id], last_open = per_stage[pipeline[pipeline.size() - 2].id];
        CHECK(first_open > last_open * 3 / 2);
    }
}

TEST_CASE("demo leads share people, so duplicates exist") {
    demo::Generator g(config());
    std::set<std::string> emails;
    int repeated = 0;
    for (int i = 0; i < 500; ++i) repeated += !emails.insert(g.lead(i).email).second;
    CHECK(repeated > 50);
}

TEST_CASE("demo generation streams quickly") {
    demo::Generator g(config());
    std::int64_t revenue = 0;
    for (int i = 0; i < 20000; ++i) revenue += g.lead(i).expected_revenue.amount % 1000;
    CHECK(revenue >= 0);
}

TEST_CASE("demo quotations: won opportunities have sales orders, late open ones quotations, all priced from the catalog") {
    demo::Generator g(config());
    const auto& cat = g.catalog();
    REQUIRE(cat.products.size() >= 20);
    std::set<std::string> currencies;
    for (const auto& p : cat.products) {
        CHECK(p.id == static_cast<std::int64_t>(&p - cat.products.data()) + 1);
        CHECK(p.price.amount > 0);
        currencies.insert(p.price.currency);
    }
    CHECK(currencies == std::set<std::string>{"MNT", "USD"});

    int orders = 0, invoiced = 0, quotes = 0, none = 0;
    for (std::int64_t i = 0; i < 2000; ++i) {
        const Lead l = g.lead(i);
        const auto q = g.quotation(l, i);
        if (!q) {
            ++none;
            continue;
        }
        CHECK(q == g.quotation(l, i));  // deterministic
        CHECK(q->lead_id == l.id);
        CHECK(q->team_id == l.team_id);
        CHECK(q->currency == l.expected_revenue.currency);
        REQUIRE(q->lines.size() == 1);
        REQUIRE(q->lines[0].product_id);
        CHECK(q->amounts == quotation_totals(q->lines).value());
        // Whole units of the product: within half a unit price of the expected revenue (or one unit).
        const auto& product = cat.products[static_cast<std::size_t>(*q->lines[0].product_id - 1)];
        if (q->lines[0].quantity > quantity_scale)
            CHECK(std::llabs(q->amounts.untaxed - l.expected_revenue.amount) <= product.price.amount / 2);
        else
            CHECK(l.expected_revenue.amount < product.price.amount * 3 / 2);
        CHECK(q->create_date >= l.create_date);
        CHECK(q->write_date <= now);
        if (q->state == QuotationState::sale) {
            ++orders;
            CHECK(l.probability == 100);
            REQUIRE(q->confirmed_at);
            if (q->invoice_status == InvoiceStatus::invoiced) {
                ++invoiced;
                REQUIRE(q->invoiced_at);
                CHECK(*q->invoiced_at >= *q->confirmed_at);
                CHECK(*q->invoiced_at <= now);
            } else {
                CHECK(q->invoice_status == InvoiceStatus::to_invoice);
                CHECK_FALSE(q->invoiced_at);
            }
        } else {
            ++quotes;
            CHECK((q->state == QuotationState::draft || q->state == QuotationState::sent));
            CHECK(l.active);
            CHECK(l.probability < 100);
        }
    }
    CHECK(orders > 150);  // ~18% of leads are won
    CHECK(invoiced > orders / 3);
    CHECK(invoiced < orders);
    CHECK(quotes > 50);
    CHECK(none > 1000);
}
