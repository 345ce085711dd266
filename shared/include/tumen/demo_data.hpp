// Deterministic demo data in Mongolian and English: the reference records (users, teams, stages, lost reasons,
// tags, contact types, UTM) and any number of contacts and leads, each computed from (seed, index) alone so a
// benchmark can stream 1,000,000 leads without keeping them, and two runs with the same seed give the same data.
// No I/O: the server inserts what this returns, keeping the ids given here.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tumen/currency_rates.hpp"
#include "tumen/contact.hpp"
#include "tumen/datetime.hpp"
#include "tumen/lead.hpp"
#include "tumen/quotation.hpp"
#include "tumen/reference_data.hpp"
#include "tumen/stage.hpp"
#include "tumen/team.hpp"

namespace tumen::demo {

struct DemoUser {
    std::int64_t id = 0;
    std::string login;
    std::string name;
    std::string email;
    std::string lang;      // "mn" or "en"
    bool manager = false;  // sales manager role; the others are salespeople (all documents)
};

// Reference data. Ids are 1..n in each list, except users, which start at first_user_id (the server's admin
// usually takes id 1). Teams: [0] Ulaanbaatar sales (mn), [1] regional sales (mn), [2] international (en,
// opportunities only), each with its own five-stage pipeline (the fifth is won).
struct Catalog {
    std::vector<DemoUser> users;
    std::vector<Team> teams;
    std::vector<TeamMember> members;
    std::vector<Stage> stages;
    std::vector<LostReason> lost_reasons;
    std::vector<Tag> tags;
    std::vector<ContactCategory> contact_categories;
    std::vector<UtmSource> sources;
    std::vector<UtmMedium> mediums;
    std::vector<UtmCampaign> campaigns;
    std::vector<CurrencyRate> currencies;  // rates into MNT for the international team's USD and others
    std::vector<Product> products;  // one per product name the leads use: Mongolian ones in MNT, English in USD
};

Catalog demo_catalog(std::int64_t first_user_id = 2);

struct Config {
    std::uint64_t seed = 1;
    Timestamp now = 0;                   // records are dated within the two years before it
    std::int64_t company_count = 60;     // contacts [0, company_count) are companies
    std::int64_t person_count = 180;     // then people, most of them working for one of those companies
    std::int64_t first_contact_id = 1;   // id of contact index 0
    std::int64_t first_lead_id = 1;      // id of lead index 0
    std::int64_t first_user_id = 2;      // passed to demo_catalog()
    double mongolian_share = 0.75;       // share of Mongolian companies, people and leads
};

class Generator {
public:
    explicit Generator(Config config);

    const Config& config() const { return config_; }
    const Catalog& catalog() const { return catalog_; }

    std::int64_t contact_count() const { return config_.company_count + config_.person_count; }
    // Contact with id first_contact_id + index: companies first, then people (parent_id = their company's id).
    Contact contact(std::int64_t index) const;
    // Lead with id first_lead_id + index. About 60% name an existing person (and reference it when they are
    // opportunities), so duplicates exist; ~18% won, ~17% lost, ~2% archived, ~4% without team (unassigned).
    Lead lead(std::int64_t index) const;
    // The quotation of lead(index), if it has one: a won opportunity gets a confirmed sales order (about 60%
    // invoiced a few days after closing, the rest still to invoice), an open opportunity in the third or fourth
    // stage a sent or draft quotation; other leads none. Its line is the catalog product the lead is named after,
    // priced so the total is close to the expected revenue. `number` is left empty: the server numbers it.
    std::optional<Quotation> quotation(const Lead& lead, std::int64_t index) const;

private:
    Config config_;
    Catalog catalog_;
};

}  // namespace tumen::demo
