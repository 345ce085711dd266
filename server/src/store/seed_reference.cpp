#include "store/seed_reference.hpp"

#include <string>
#include <vector>

#include "store/reference_tables.hpp"
#include "store/stages.hpp"

namespace tumen::store {

namespace {

constexpr const char* seeded_key = "reference_data_seeded";

bool empty(Connection& c, const char* table) {
    return c.prepare(std::string("SELECT count(*) FROM ") + table).scalar_int() == 0;
}

// Records hold one name; English is the stored default (the UI translates only its own text, and users rename).
void seed_names(Connection& c, const RefTable& t, const std::vector<std::pair<const char*, int>>& rows) {
    if (!empty(c, t.table)) return;
    for (const auto& [name, color] : rows) {
        nlohmann::json row = {{"name", name}};
        for (const auto& col : t.columns) {
            const std::string n = col.name;
            if (n == "color") row["color"] = color;
            else if (n == "active") row["active"] = true;
            else if (n == "parent_id") row["parent_id"] = nullptr;
        }
        insert_ref(c, t, row);
    }
}

void seed_stages(Connection& c) {
    if (!empty(c, "stages")) return;
    struct Row {
        const char* name;
        int sequence;
        bool won;
        double probability;
        const char* requirements;
    };
    // Odoo's default pipeline; Won is folded and marks deals won.
    const Row rows[] = {
        {"New", 1, false, 10, ""},
        {"Qualified", 2, false, 30, "Budget, need and decision maker confirmed"},
        {"Proposition", 3, false, 70, "Quotation sent"},
        {"Won", 70, true, 100, ""},
    };
    for (const auto& r : rows) {
        Stage s;
        s.name = r.name;
        s.sequence = r.sequence;
        s.is_won = r.won;
        s.fold = r.won;
        s.default_probability = r.probability;
        s.requirements = r.requirements;
        insert_stage(c, s);
    }
}

}  // namespace

void seed_reference_data(Connection& c) {
    auto done = c.prepare("SELECT count(*) FROM settings WHERE key = ?");
    done.bind(1, seeded_key);
    if (done.scalar_int() > 0) return;
    seed_stages(c);
    seed_names(c, lost_reasons_table(), {{"Too expensive", 0}, {"We don't have people/skills", 0}, {"Not enough stock", 0}});
    seed_names(c, tags_table(), {{"Product", 1}, {"Services", 2}, {"Information", 3}, {"Design", 4}, {"Training", 5},
                                 {"Consulting", 6}, {"VIP", 9}});
    seed_names(c, utm_sources_table(),
               {{"Search engine", 0}, {"Facebook", 0}, {"Website", 0}, {"Referral", 0}, {"Newsletter", 0}});
    seed_names(c, utm_mediums_table(), {{"Email", 0}, {"Phone", 0}, {"Website", 0}, {"Social network", 0}, {"Banner", 0}});
    seed_names(c, contact_categories_table(),
               {{"Customer", 10}, {"Prospect", 3}, {"Supplier", 4}, {"Partner", 7}, {"VIP", 9}});
    c.prepare("INSERT INTO settings(key, value) VALUES (?, '1')").bind(1, seeded_key).run();
}

}  // namespace tumen::store
