#include "tumen/demo_data.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "demo_rng.hpp"
#include "demo_tables.hpp"

namespace tumen::demo {

namespace {

namespace tb = tables;

enum Kind : std::uint64_t { kind_company = 1, kind_person = 2, kind_lead = 3 };

template <class A>
const auto& weighted_city(Rng& rng, const A& cities) {
    int total = 0;
    for (const auto& c : cities) total += c.weight;
    auto r = static_cast<int>(rng.below(total));
    for (const auto& c : cities)
        if ((r -= c.weight) < 0) return c;
    return cities[0];
}

std::string digits(Rng& rng, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += static_cast<char>('0' + rng.below(10));
    return s;
}

std::string mn_mobile(Rng& rng) {
    static constexpr std::string_view prefixes[] = {"99", "88", "95", "91", "94", "80", "86", "89"};
    return "+976 " + std::string(prefixes[rng.below(8)]) + digits(rng, 2) + " " + digits(rng, 4);
}

std::string en_phone(Rng& rng) { return "+1 " + digits(rng, 3) + " " + digits(rng, 3) + " " + digits(rng, 4); }

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

// Name and domain of company index c, without building the whole contact.
struct CompanyIdentity {
    bool mn = true;
    std::string name;
    std::string domain;
};

CompanyIdentity company_identity(const Config& cfg, std::int64_t c) {
    Rng rng(cfg.seed, kind_company, c);
    CompanyIdentity id;
    id.mn = rng.chance(cfg.mongolian_share);
    const auto n = static_cast<std::size_t>(c);
    if (id.mn) {
        const auto& core = tb::mn_company_cores[n % tb::mn_company_cores.size()];
        const auto& sector = tb::mn_sectors[n / tb::mn_company_cores.size() % tb::mn_sectors.size()];
        const bool jsc = (n / (tb::mn_company_cores.size() * tb::mn_sectors.size())) % 2 == 1;
        id.name = std::string(core.text) + (sector.text.empty() ? "" : " ") + std::string(sector.text) + (jsc ? " ХК" : " ХХК");
        id.domain = std::string(core.latin) + std::string(sector.latin) + ".mn";
    } else {
        const auto core = tb::en_company_cores[n % tb::en_company_cores.size()];
        const auto sector = tb::en_sectors[n / tb::en_company_cores.size() % tb::en_sectors.size()];
        const auto form = tb::en_forms[n / (tb::en_company_cores.size() * tb::en_sectors.size()) % tb::en_forms.size()];
        id.name = std::string(core) + (sector.empty() ? "" : " ") + std::string(sector) + " " + std::string(form);
        std::string latin = ascii_lower(std::string(core) + std::string(sector));
        latin.erase(std::remove(latin.begin(), latin.end(), ' '), latin.end());
        id.domain = latin + ".com";
    }
    return id;
}

Address address(Rng& rng, bool mn) {
    const auto& city = mn ? weighted_city(rng, tb::mn_cities) : weighted_city(rng, tb::en_cities);
    Address a;
    a.street = mn ? std::string(rng.pick(tb::mn_streets)) + " " + std::to_string(1 + rng.below(120))
                  : std::to_string(1 + rng.below(400)) + " " + std::string(rng.pick(tb::en_streets));
    a.city = city.city;
    a.state = city.state;
    a.zip = city.zip;
    a.country = city.country;
    return a;
}

Timestamp created_before(Rng& rng, Timestamp now, int max_days) {
    return now - rng.below(static_cast<std::int64_t>(max_days) * seconds_per_day);
}

Contact company(const Config& cfg, std::int64_t c) {
    const auto id = company_identity(cfg, c);
    Rng rng(cfg.seed, kind_company, c);
    rng.next();  // the draw company_identity used for the language
    Contact k;
    k.id = cfg.first_contact_id + c;
    k.is_company = true;
    k.name = id.name;
    k.email = "info@" + id.domain;
    k.phone = id.mn ? "+976 7011 " + digits(rng, 4) : en_phone(rng);
    k.website = "https://www." + id.domain;
    k.address = address(rng, id.mn);
    k.lang = id.mn ? "mn" : "en";
    k.category_ids = {1};
    if (rng.chance(0.1)) k.category_ids.push_back(4);
    k.create_date = k.write_date = created_before(rng, cfg.now, 1000);
    k.version = 1;
    return k;
}

Contact person(const Config& cfg, std::int64_t p) {
    Rng rng(cfg.seed, kind_person, p);
    Contact k;
    k.id = cfg.first_contact_id + cfg.company_count + p;
    const bool employed = cfg.company_count > 0 && rng.chance(0.8);
    const std::int64_t c = employed ? rng.below(cfg.company_count) : -1;
    const auto employer = employed ? company_identity(cfg, c) : CompanyIdentity{};
    const bool mn = employed ? employer.mn : rng.chance(cfg.mongolian_share);
    std::string local;
    if (mn) {
        const auto& given = rng.pick(tb::mn_names);
        const auto& father = rng.pick(tb::mn_names);
        k.name = std::string(given.text) + " " + std::string(father.text);
        local = std::string(given.latin) + "." + std::string(father.latin.substr(0, 1));
    } else {
        const auto first = rng.pick(tb::en_first);
        const auto& last = rng.pick(tb::en_last);
        k.name = std::string(first) + " " + std::string(last.text);
        local = ascii_lower(first) + "." + std::string(last.latin);
    }
    const bool work_mail = employed && rng.chance(0.7);
    k.email = local + "@" + (work_mail ? employer.domain : std::string(rng.pick(tb::free_mail)));
    if (employed) k.parent_id = cfg.first_contact_id + c;
    k.mobile = mn ? mn_mobile(rng) : en_phone(rng);
    const auto& function = rng.pick(tb::mn_functions);
    k.function = mn ? function.text : function.latin;
    k.address = address(rng, mn);
    k.lang = mn ? "mn" : "en";
    k.opt_out = rng.chance(0.05);
    k.create_date = k.write_date = created_before(rng, cfg.now, 1000);
    k.version = 1;
    return k;
}

// Who a lead is about: an existing person (with their company) or someone new.
void fill_party(const Config& cfg, Rng& rng, Lead& l, bool& mn) {
    if (cfg.person_count > 0 && rng.chance(0.6)) {
        const auto p = person(cfg, rng.below(cfg.person_count));
        mn = p.lang == "mn";
        l.contact_name = p.name;
        l.email = p.email;
        l.mobile = p.mobile;
        l.address = p.address;
        l.partner_id = p.id;
        if (p.parent_id) l.partner_name = company_identity(cfg, *p.parent_id - cfg.first_contact_id).name;
        return;
    }
    mn = rng.chance(cfg.mongolian_share);
    const auto co = company_identity(cfg, 100000 + rng.below(1000000));
    const bool has_company = co.mn == mn && rng.chance(0.7);
    if (mn) {
        const auto& given = rng.pick(tb::mn_names);
        l.contact_name = std::string(given.text) + " " + std::string(rng.pick(tb::mn_names).text);
        l.email = std::string(given.latin) + digits(rng, 2) + "@" + (has_company ? co.domain : "gmail.com");
        l.phone = mn_mobile(rng);
    } else {
        const auto first = rng.pick(tb::en_first);
        const auto& last = rng.pick(tb::en_last);
        l.contact_name = std::string(first) + " " + std::string(last.text);
        l.email = ascii_lower(first) + "." + std::string(last.latin) + "@" + (has_company ? co.domain : "gmail.com");
        l.phone = en_phone(rng);
    }
    if (has_company) l.partner_name = co.name;
    l.address = address(rng, mn);
}

struct Outcome {
    bool won = false, lost = false, archived = false;
};

Outcome draw_outcome(Rng& rng) {
    const double r = rng.unit();
    Outcome o;
    o.won = r < 0.18;
    o.lost = r >= 0.18 && r < 0.35;
    o.archived = r >= 0.35 && r < 0.37;
    return o;
}

// The open stage (weighted towards the start of the pipeline) or the won stage of the team's pipeline (five or eight
// stages). A five-stage pipeline draws as it always has, so the smaller teams' leads keep their stages for a seed.
const Stage& draw_stage(Rng& rng, const std::vector<Stage>& stages, std::int64_t team_id, bool won) {
    std::vector<const Stage*> pipeline;
    for (const auto& s : stages)
        if (s.team_id == team_id) pipeline.push_back(&s);
    assert(pipeline.size() >= 2 && pipeline.back()->is_won);
    if (won) return *pipeline.back();
    // Percent of the open leads per open stage, each stage a little emptier than the one before.
    static const std::vector<std::int64_t> five = {40, 25, 20, 15}, eight = {22, 18, 15, 13, 12, 11, 9};
    const std::size_t open = pipeline.size() - 1;
    const std::vector<std::int64_t>& share = open == 4 ? five : eight;
    assert(share.size() == open);
    auto r = rng.below(100);
    std::size_t i = 0;
    for (; i + 1 < open && r >= share[i]; ++i) r -= share[i];
    return *pipeline[i];
}

Money revenue(Rng& rng, bool mn) {
    // Log-uniform: many small deals, a few large ones.
    if (mn) {
        const double tugrik = std::exp(std::log(5e5) + rng.unit() * (std::log(5e8) - std::log(5e5)));
        return {static_cast<std::int64_t>(tugrik / 10000) * 10000 * 100, "MNT"};
    }
    const double dollars = std::exp(std::log(500.0) + rng.unit() * (std::log(2e5) - std::log(500.0)));
    return {static_cast<std::int64_t>(dollars / 100) * 100 * 100, "USD"};
}

int draw_priority(Rng& rng) {
    const auto r = rng.below(100);
    return r < 50 ? 0 : r < 80 ? 1 : r < 95 ? 2 : 3;
}

void fill_utm_and_tags(Rng& rng, const Catalog& cat, Lead& l) {
    if (rng.chance(0.7)) l.source_id = rng.pick(cat.sources).id;
    if (rng.chance(0.5)) l.medium_id = rng.pick(cat.mediums).id;
    if (rng.chance(0.25)) l.campaign_id = rng.pick(cat.campaigns).id;
    for (auto n = rng.below(3); n > 0; --n) {
        const auto tag = rng.pick(cat.tags).id;
        if (std::find(l.tag_ids.begin(), l.tag_ids.end(), tag) == l.tag_ids.end()) l.tag_ids.push_back(tag);
    }
}

void fill_dates(Rng& rng, Timestamp now, Lead& l) {
    l.create_date = created_before(rng, now, 730);
    const Timestamp stage_update = l.create_date + rng.below(now - l.create_date + 1);
    l.date_last_stage_update = stage_update;
    l.write_date = stage_update;
    l.date_deadline = day_of(l.create_date) + 14 + static_cast<DayNumber>(rng.below(120));
    if (l.user_id) l.date_open = std::min(now, l.create_date + rng.below(2 * seconds_per_day));
}

void apply_outcome(Rng& rng, const Catalog& cat, const Outcome& o, bool mn, Lead& l) {
    if (o.won) {
        l.probability = l.automated_probability = 100;
        l.date_closed = l.date_last_stage_update;
    } else if (o.lost) {
        l.active = false;
        l.probability = l.automated_probability = 0;
        l.lost_reason_id = cat.lost_reasons[static_cast<std::size_t>(mn ? rng.below(4) : 4 + rng.below(3))].id;
        if (rng.chance(0.5)) l.lost_note = mn ? rng.pick(tb::mn_lost_notes) : rng.pick(tb::en_lost_notes);
        l.date_closed = l.date_last_stage_update;
    } else if (o.archived) {
        l.active = false;
        l.date_closed = l.date_last_stage_update;
    }
}

void set_probability(Rng& rng, const Stage& stage, Lead& l) {
    l.probability = l.automated_probability = stage.default_probability.value_or(0);
    if (rng.chance(0.1)) {
        l.probability = std::clamp(l.automated_probability + static_cast<double>(rng.below(31) - 10), 1.0, 99.0);
        l.probability_manual = l.probability != l.automated_probability;
    }
}

}  // namespace

Generator::Generator(Config config) : config_(config), catalog_(demo_catalog(config.first_user_id)) {}

Contact Generator::contact(std::int64_t index) const {
    return index < config_.company_count ? company(config_, index) : person(config_, index - config_.company_count);
}

Lead Generator::lead(std::int64_t index) const {
    Rng rng(config_.seed, kind_lead, index);
    Lead l;
    l.id = config_.first_lead_id + index;
    l.version = 1;
    bool mn = true;
    fill_party(config_, rng, l, mn);
    l.lang = mn ? "mn" : "en";
    const auto product = mn ? rng.pick(tb::mn_products) : rng.pick(tb::en_products);
    l.name = std::string(product) + " — " + (l.partner_name.empty() ? l.contact_name : l.partner_name);
    l.description = mn ? rng.pick(tb::mn_descriptions) : rng.pick(tb::en_descriptions);
    l.expected_revenue = revenue(rng, mn);
    l.priority = draw_priority(rng);
    fill_utm_and_tags(rng, catalog_, l);
    const bool unassigned = rng.chance(0.04);
    const std::size_t team_index = !mn ? 2 : l.address.city == "Улаанбаатар" ? 0 : 1;
    const Team& team = catalog_.teams[team_index];
    const Outcome outcome = unassigned ? Outcome{} : draw_outcome(rng);
    if (!unassigned) {
        l.team_id = team.id;
        const Stage& stage = draw_stage(rng, catalog_.stages, team.id, outcome.won);
        l.stage_id = stage.id;
        set_probability(rng, stage, l);
        if (outcome.won || outcome.lost || rng.chance(0.92)) l.user_id = rng.pick(team.member_ids);
        const bool early = stage.sequence == 1 && !outcome.won;
        l.type = team.use_leads && early && rng.chance(0.5) ? LeadType::lead : LeadType::opportunity;
    }
    if (l.type == LeadType::lead && rng.chance(0.7)) l.partner_id.reset();
    fill_dates(rng, config_.now, l);
    if (l.type == LeadType::opportunity && team.use_leads && !unassigned)
        l.date_conversion = l.create_date + rng.below(*l.date_last_stage_update - l.create_date + 1);
    apply_outcome(rng, catalog_, outcome, mn, l);
    if (l.user_id) l.follower_ids = {*l.user_id};
    return l;
}

}  // namespace tumen::demo
