#include "tumen/demo_data.hpp"

#include <cassert>

#include "demo_tables.hpp"

namespace tumen::demo {

namespace {

std::vector<DemoUser> users(std::int64_t first) {
    const struct { const char* login; const char* name; const char* lang; bool manager; } rows[] = {
        {"batbayar", "Батбаяр Ганболд", "mn", true},  {"oyunchimeg", "Оюунчимэг Дорж", "mn", false},
        {"temuulen", "Тэмүүлэн Бат", "mn", false},     {"sarangerel", "Сарангэрэл Өлзий", "mn", false},
        {"munkhbat", "Мөнхбат Үүрцайх", "mn", false},  {"ariunaa", "Ариунаа Төмөр", "mn", false},
        {"emma", "Emma Clarke", "en", true},           {"kenji", "Kenji Tanaka", "en", false},
    };
    std::vector<DemoUser> out;
    for (const auto& r : rows) {
        const auto id = first + static_cast<std::int64_t>(out.size());
        out.push_back({id, r.login, r.name, std::string(r.login) + "@demo.tumen.mn", r.lang, r.manager});
    }
    return out;
}

Team team(std::int64_t id, const char* name, std::int64_t leader, std::vector<std::int64_t> members,
          const char* alias, bool use_leads, Money target, const char* domain) {
    Team t;
    t.id = id;
    t.name = name;
    t.user_id = leader;
    t.member_ids = std::move(members);
    t.alias = alias;
    t.use_leads = use_leads;
    t.invoiced_target = std::move(target);
    t.assignment_domain = domain;
    t.version = 1;
    return t;
}

std::vector<Team> teams(std::int64_t u) {
    return {
        team(1, "Улаанбаатар борлуулалт", u, {u, u + 1, u + 2, u + 3}, "sales-ub", true, {80000000000, "MNT"},
             "country = \"MN\" and city = \"Улаанбаатар\""),
        team(2, "Орон нутгийн борлуулалт", u + 4, {u + 4, u + 5, u + 1}, "sales-aimag", true, {30000000000, "MNT"},
             "country = \"MN\" and city != \"Улаанбаатар\""),
        team(3, "International", u + 6, {u + 6, u + 7}, "international", false, {6000000, "USD"},
             "country != \"MN\""),
    };
}

std::vector<TeamMember> members(const std::vector<Team>& ts) {
    std::vector<TeamMember> out;
    for (const auto& t : ts)
        for (auto user : t.member_ids) {
            TeamMember m;
            m.id = static_cast<std::int64_t>(out.size()) + 1;
            m.team_id = t.id;
            m.user_id = user;
            m.max_leads_30d = user == t.user_id ? 20 : 40;
            m.version = 1;
            out.push_back(m);
        }
    return out;
}

// One stage per name, the last one won; `prob` holds the open stages' default probabilities, `rotting` and `wip`
// each stage's rotting days and WIP limit (0 = none); the stage at `qualified` carries the entry requirements.
void add_pipeline(std::vector<Stage>& out, std::int64_t team, const std::vector<const char*>& names,
                  const std::vector<double>& prob, const std::vector<int>& rotting, const std::vector<int>& wip,
                  std::size_t qualified) {
    const std::size_t n = names.size();
    assert(prob.size() + 1 == n && rotting.size() == n && wip.size() == n);
    for (std::size_t i = 0; i < n; ++i) {
        Stage s;
        s.id = static_cast<std::int64_t>(out.size()) + 1;
        s.name = names[i];
        s.team_id = team;
        s.sequence = static_cast<int>(i) + 1;
        s.is_won = i + 1 == n;
        if (!s.is_won) s.default_probability = prob[i];
        s.rotting_days = rotting[i];
        s.wip_limit = wip[i];
        s.version = 1;
        out.push_back(s);
    }
    out[out.size() - n + qualified].requirements =
        team == 3 ? "Budget, decision maker and timeline confirmed." : "Төсөв, шийдвэр гаргагч, хугацааг тодруулсан байх.";
}

// Ulaanbaatar's team, the biggest, works a longer pipeline of eight stages (the board benchmark's shape, issue 5);
// the other two teams the five of Odoo's demo.
std::vector<Stage> stages() {
    static const std::vector<const char*> ub = {"Шинэ",           "Холбогдсон", "Шалгасан",        "Уулзалт хийсэн",
                                                "Санал илгээсэн", "Хэлэлцээр",  "Гэрээний төсөл",  "Ялсан"};
    static const std::vector<const char*> mn = {"Шинэ", "Шалгасан", "Санал илгээсэн", "Хэлэлцээр", "Ялсан"};
    static const std::vector<const char*> en = {"New", "Qualified", "Proposal", "Negotiation", "Won"};
    std::vector<Stage> out;
    add_pipeline(out, 1, ub, {10, 20, 30, 45, 60, 75, 90}, {0, 14, 14, 10, 10, 7, 7, 0}, {0, 0, 0, 0, 0, 25, 0, 0}, 2);
    add_pipeline(out, 2, mn, {10, 30, 60, 80}, {0, 14, 10, 7, 0}, {0, 0, 0, 25, 0}, 1);
    add_pipeline(out, 3, en, {10, 30, 50, 75}, {0, 14, 10, 7, 0}, {0, 0, 0, 25, 0}, 1);
    return out;
}

template <class T>
std::vector<T> named(std::initializer_list<const char*> names) {
    std::vector<T> out;
    for (const char* n : names) {
        T r;
        r.id = static_cast<std::int64_t>(out.size()) + 1;
        r.name = n;
        r.version = 1;
        out.push_back(r);
    }
    return out;
}

template <class T>
std::vector<T> coloured(std::initializer_list<const char*> names) {
    auto out = named<T>(names);
    for (auto& r : out) r.color = static_cast<int>(r.id % (max_color + 1));
    return out;
}

// Prices from a fixed ladder, so a product keeps its price across runs and seeds.
std::vector<Product> products() {
    static constexpr std::int64_t mnt_ladder[] = {450000, 1200000, 2500000, 3900000, 6800000, 9500000};  // ₮
    static constexpr std::int64_t usd_ladder[] = {250, 900, 1800, 4500, 7200};                              // $
    std::vector<Product> out;
    auto add = [&](std::string_view name, std::int64_t major, const char* currency, std::int32_t tax_bp) {
        Product p;
        p.id = static_cast<std::int64_t>(out.size()) + 1;
        p.name = std::string(name);
        p.code = std::string(currency == std::string_view("MNT") ? "MN-" : "EN-") + (p.id < 10 ? "0" : "") + std::to_string(p.id);
        p.description = p.name;
        p.price = {major * 100, currency};
        p.tax_bp = tax_bp;
        p.version = 1;
        out.push_back(std::move(p));
    };
    std::size_t i = 0;
    for (auto name : tables::mn_products) add(name, mnt_ladder[i++ % std::size(mnt_ladder)], "MNT", 1000);  // VAT 10%
    i = 0;
    for (auto name : tables::en_products) add(name, usd_ladder[i++ % std::size(usd_ladder)], "USD", 0);
    return out;
}

}  // namespace

Catalog demo_catalog(std::int64_t first_user_id) {
    Catalog c;
    c.users = users(first_user_id);
    c.teams = teams(first_user_id);
    c.members = members(c.teams);
    c.stages = stages();
    c.lost_reasons = named<LostReason>({"Үнэ өндөр", "Өрсөлдөгчийг сонгосон", "Хэрэгцээгүй болсон",
                                        "Хариу өгөхгүй байна", "Too expensive", "Chose a competitor", "No budget"});
    c.tags = coloured<Tag>({"VIP", "Засгийн газар", "Жижиг бизнес", "Дахин захиалга", "Тендер", "Software",
                            "Hardware", "Consulting", "Сургалт", "Urgent"});
    c.contact_categories = coloured<ContactCategory>({"Харилцагч", "Нийлүүлэгч", "Түнш", "VIP", "Prospect"});
    c.sources = named<UtmSource>({"Вэб сайт", "Facebook", "Google", "Зөвлөмж", "Үзэсгэлэн", "LinkedIn", "И-мэйл"});
    c.mediums = named<UtmMedium>({"Website", "Social", "Email", "Phone", "Direct", "Banner"});
    c.campaigns = named<UtmCampaign>({"Цагаан сар 2026", "Наадам 2026", "Шинэ жилийн урамшуулал", "Q1 Webinar"});
    // Roughly the Bank of Mongolia's rates of late 2026: one unit in tögrög.
    std::int64_t rate_id = 0;
    for (auto [code, rate] : {std::pair{"USD", "3450.25"}, {"EUR", "3745.8"}, {"CNY", "476.3"}, {"RUB", "37.42"},
                              {"JPY", "22.87"}, {"KRW", "2.41"}})
        c.currencies.push_back({++rate_id, code, rate, true, 1});
    c.products = products();
    return c;
}

}  // namespace tumen::demo
