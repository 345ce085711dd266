// Small editable lists referenced by leads and contacts: lost reasons, tags, contact types (categories) and
// UTM sources/mediums/campaigns. All are {id, name, ...} records edited in Settings.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "tumen/error.hpp"

namespace tumen {

inline constexpr int max_color = 11;  // colour index 0..11 of the UI palette (0 = none)

struct LostReason {
    std::int64_t id = 0;
    std::string name;
    bool active = true;
    std::int64_t version = 0;
    bool operator==(const LostReason&) const = default;
};

struct Tag {
    std::int64_t id = 0;
    std::string name;
    int color = 0;
    std::int64_t version = 0;
    bool operator==(const Tag&) const = default;
};

// A contact type ("Customer", "Supplier", "VIP"): coloured, optionally nested.
struct ContactCategory {
    std::int64_t id = 0;
    std::string name;
    int color = 0;
    std::optional<std::int64_t> parent_id;
    bool active = true;
    std::int64_t version = 0;
    bool operator==(const ContactCategory&) const = default;
};

// Source ("Facebook"), medium ("Email", "Banner") and campaign ("Naadam 2026") share one shape.
struct UtmRecord {
    std::int64_t id = 0;
    std::string name;
    bool active = true;
    std::int64_t version = 0;
    bool operator==(const UtmRecord&) const = default;
};
using UtmSource = UtmRecord;
using UtmMedium = UtmRecord;
using UtmCampaign = UtmRecord;

void to_json(nlohmann::json& j, const LostReason& r);
Result<LostReason> lost_reason_from_json(const nlohmann::json& j);
FieldErrors apply_patch(LostReason& r, const nlohmann::json& patch);
FieldErrors validate(const LostReason& r);

void to_json(nlohmann::json& j, const Tag& t);
Result<Tag> tag_from_json(const nlohmann::json& j);
FieldErrors apply_patch(Tag& t, const nlohmann::json& patch);
FieldErrors validate(const Tag& t);

void to_json(nlohmann::json& j, const ContactCategory& c);
Result<ContactCategory> contact_category_from_json(const nlohmann::json& j);
FieldErrors apply_patch(ContactCategory& c, const nlohmann::json& patch);
FieldErrors validate(const ContactCategory& c);

void to_json(nlohmann::json& j, const UtmRecord& u);
Result<UtmRecord> utm_from_json(const nlohmann::json& j);
FieldErrors apply_patch(UtmRecord& u, const nlohmann::json& patch);
FieldErrors validate(const UtmRecord& u);

}  // namespace tumen
