#include "store/demo_seed.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>

#include "store/contacts.hpp"
#include "store/leads.hpp"
#include "store/reference_tables.hpp"
#include "store/quotations.hpp"
#include "store/stages.hpp"
#include "store/team_members.hpp"
#include "store/teams.hpp"
#include "store/users.hpp"

namespace tumen::store {

namespace {

// The generator refers to catalog records by id; inserting them in order into empty tables must give those ids.
void expect_id(int64_t got, int64_t want, const char* what) {
    if (got != want) throw std::logic_error(std::string("demo seed: ") + what + " got id " + std::to_string(got) +
                                            ", expected " + std::to_string(want));
}

template <class T>
void insert_refs(Connection& c, const RefTable& table, const std::vector<T>& rows) {
    for (const auto& r : rows) {
        nlohmann::json j = r;
        j.erase("id");
        j.erase("version");
        expect_id(insert_ref(c, table, j), r.id, table.table);
    }
}

void insert_catalog(Connection& c, const demo::Catalog& cat, const std::string& password_hash) {
    for (const auto& u : cat.users) {
        UserRow row;
        row.login = u.login;
        row.name = u.name;
        row.email = u.email;
        row.role = u.manager ? "manager" : "sales_all";
        row.lang = u.lang;
        row.password_hash = password_hash;
        expect_id(insert_user(c, row), u.id, "user");
    }
    for (auto t : cat.teams) {
        const int64_t want = t.id;
        t.id = 0;
        insert_team(c, t);
        expect_id(t.id, want, "team");
    }
    for (auto m : cat.members) {
        m.id = 0;
        insert_team_member(c, m);
    }
    for (auto s : cat.stages) {
        const int64_t want = s.id;
        s.id = 0;
        insert_stage(c, s);
        expect_id(s.id, want, "stage");
    }
    insert_refs(c, lost_reasons_table(), cat.lost_reasons);
    insert_refs(c, tags_table(), cat.tags);
    insert_refs(c, contact_categories_table(), cat.contact_categories);
    insert_refs(c, utm_sources_table(), cat.sources);
    insert_refs(c, utm_mediums_table(), cat.mediums);
    insert_refs(c, utm_campaigns_table(), cat.campaigns);
    insert_refs(c, currencies_table(), cat.currencies);
}

// Products, then the quotations and sales orders of the first leads (numbered in creation order, as the server
// numbers new ones). Bounded, so a benchmark's million leads do not make a million orders.
void seed_quotations(Database& db, const demo::Generator& gen, const DemoSeedOptions& options) {
    db.write([&](Connection& c) {
        for (auto p : gen.catalog().products) {
            const int64_t want = p.id;
            p.id = 0;
            p.create_date = p.write_date = gen.config().now;
            insert_product(c, p);
            expect_id(p.id, want, "product");
        }
        std::vector<Quotation> quotations;
        for (int64_t i = 0; i < std::min(options.lead_count, options.quotation_leads); ++i)
            if (auto q = gen.quotation(gen.lead(i), i)) quotations.push_back(std::move(*q));
        std::stable_sort(quotations.begin(), quotations.end(),
                         [](const Quotation& a, const Quotation& b) { return a.create_date < b.create_date; });
        for (auto& q : quotations) {
            q.number = next_quotation_number(c, civil_from_days(day_of(q.create_date)).year);
            insert_quotation(c, q, q.user_id);
        }
    });
}

}  // namespace

void seed_demo(Database& db, const DemoSeedOptions& options) {
    demo::Generator gen(options.generator);
    db.write([&](Connection& c) {
        insert_catalog(c, gen.catalog(), options.user_password_hash);
        // The catalog is this database's reference data: the default seeding must not add its own on top.
        c.exec("INSERT OR REPLACE INTO settings(key, value) VALUES ('reference_data_seeded', 'demo')");
    });

    const int64_t contacts = gen.contact_count();
    for (int64_t first = 0; first < contacts; first += options.batch) {
        db.write([&](Connection& c) {
            for (int64_t i = first; i < std::min(contacts, first + options.batch); ++i) {
                Contact contact = gen.contact(i);
                const int64_t want = contact.id;
                contact.id = 0;
                insert_contact(c, contact);
                expect_id(contact.id, want, "contact");
            }
        });
    }
    const int64_t total = options.lead_count;
    for (int64_t first = 0; first < total; first += options.batch) {
        db.write([&](Connection& c) {
            for (int64_t i = first; i < std::min(total, first + options.batch); ++i) {
                Lead lead = gen.lead(i);
                const int64_t want = lead.id;
                lead.id = 0;
                insert_lead(c, lead);
                expect_id(lead.id, want, "lead");
            }
        });
        if (options.progress) options.progress(std::min(total, first + options.batch), total);
    }
    seed_quotations(db, gen, options);
}

}  // namespace tumen::store
