#include "tumen/scoring_rules.hpp"

#include <algorithm>

#include "record_codec.hpp"
#include "tumen/filter_error.hpp"
#include "tumen/email_phone.hpp"

namespace tumen::scoring {

namespace {

using namespace detail;

bool uses_me(const filter::Expr& e) {
    if (e.kind == filter::ExprKind::comparison)
        return std::any_of(e.comparison.values.begin(), e.comparison.values.end(),
                           [](const filter::Literal& v) { return std::holds_alternative<filter::CurrentUser>(v); });
    return std::any_of(e.children.begin(), e.children.end(), [](const filter::Expr& c) { return uses_me(c); });
}

// The filter of a rule parsed and checked; the message names what is wrong.
Result<filter::Expr> rule_filter(const std::string& text) {
    auto expr = filter::parse_checked(text, filter::lead_filter_fields());
    if (!expr) return expr.error();
    const auto fields = filter::referenced_fields(expr.value());
    if (std::find(fields.begin(), fields.end(), "score") != fields.end())
        return filter::filter_error(0, "filter.rule_reads_score", {}, "score");
    if (uses_me(expr.value())) return filter::filter_error(0, "filter.rule_uses_me");
    return expr;
}

void check_rule(const ScoreRule& r, FieldErrors& e) {
    if (r.name.empty()) e.add("name", "is required", "error.required");
    if (r.points == 0) e.add("points", "must not be 0 (a rule adds or takes away points)", "error.range");
    auto expr = rule_filter(r.filter);
    if (!expr) filter::add_filter_problem(e, "filter", expr.error());
}

const RecordCodec<ScoreRule>& codec() {
    static const RecordCodec<ScoreRule> c({
        record_id_field(mem(&ScoreRule::id)),
        text_field("name", mem(&ScoreRule::name), {.max_chars = max_rule_name_chars, .required = true}),
        text_field("filter", mem(&ScoreRule::filter), {.max_chars = filter::max_filter_bytes, .multiline = true}),
        int_field("points", mem(&ScoreRule::points), -max_rule_points, max_rule_points),
        optional_id_field("team_id", mem(&ScoreRule::team_id)),
        bool_field("active", mem(&ScoreRule::active)),
        timestamp_field("create_date", mem(&ScoreRule::create_date)),
        timestamp_field("write_date", mem(&ScoreRule::write_date)),
        version_field(mem(&ScoreRule::version)),
    });
    return c;
}

}  // namespace

void to_json(nlohmann::json& j, const ScoreRule& rule) { j = codec().to_json(rule); }

Result<ScoreRule> score_rule_from_json(const nlohmann::json& j) { return decode_record(codec(), j, check_rule); }

FieldErrors apply_patch(ScoreRule& rule, const nlohmann::json& patch) { return patch_record(codec(), rule, patch, check_rule); }

FieldErrors validate(const ScoreRule& rule) { return validate_record(codec(), rule, check_rule); }

// ---- LeadRecord ---------------------------------------------------------------------------------------------

const Stage* LeadRecord::stage() const {
    if (!stages_ || !lead_.stage_id) return nullptr;
    for (const auto& s : *stages_)
        if (s.id == *lead_.stage_id) return &s;
    return nullptr;
}

filter::Value LeadRecord::get(std::string_view f) const {
    const Lead& l = lead_;
    if (f == "id") return l.id;
    if (f == "type") return std::string(to_string(l.type));
    if (f == "name") return l.name;
    if (f == "contact_name") return l.contact_name;
    if (f == "partner_name") return l.partner_name;
    if (f == "partner_id") return l.partner_id;
    if (f == "email") return l.email;
    if (f == "phone") return l.phone;
    if (f == "mobile") return l.mobile;
    if (f == "website") return l.website;
    if (f == "street") return l.address.street;
    if (f == "city") return l.address.city;
    if (f == "state") return l.address.state;
    if (f == "zip") return l.address.zip;
    if (f == "country") return l.address.country;
    if (f == "lang") return l.lang;
    if (f == "user_id") return l.user_id;
    if (f == "team_id") return l.team_id;
    if (f == "stage_id") return l.stage_id;
    if (f == "stage.is_won") return stage() ? filter::Value(stage()->is_won) : filter::Value();
    if (f == "stage.fold") return stage() ? filter::Value(stage()->fold) : filter::Value();
    if (f == "stage.name") return stage() ? filter::Value(stage()->name) : filter::Value();
    if (f == "priority") return l.priority;
    if (f == "tags") return tag_names_ ? filter::Value(tag_names_(l.tag_ids)) : filter::Value();
    if (f == "tag_ids") return l.tag_ids;
    if (f == "expected_revenue") return l.expected_revenue.amount;
    if (f == "currency") return l.expected_revenue.currency;
    if (f == "probability") return l.probability;
    if (f == "date_deadline") return l.date_deadline ? filter::Value(static_cast<std::int64_t>(*l.date_deadline)) : filter::Value();
    if (f == "create_date") return l.create_date;
    if (f == "write_date") return l.write_date;
    if (f == "date_open") return l.date_open;
    if (f == "date_conversion") return l.date_conversion;
    if (f == "date_closed") return l.date_closed;
    if (f == "date_last_stage_update") return l.date_last_stage_update;
    if (f == "source_id") return l.source_id;
    if (f == "medium_id") return l.medium_id;
    if (f == "campaign_id") return l.campaign_id;
    if (f == "lost_reason_id") return l.lost_reason_id;
    if (f == "active") return l.active;
    if (f == "score") return l.score;
    if (f == "email_is_corporate") return !l.email.empty() && !is_free_mail(l.email);  // as the store computes it
    if (f == "follower_ids") return l.follower_ids;
    return {};
}

// ---- RuleSet --------------------------------------------------------------------------------------------------

RuleSet::RuleSet(const std::vector<ScoreRule>& rules) {
    for (const auto& r : rules) {
        if (!r.active) continue;
        auto expr = rule_filter(r.filter);
        if (!expr) {
            skipped_.push_back(r.id);
            continue;
        }
        for (auto& f : filter::referenced_fields(expr.value())) fields_.push_back(std::move(f));
        rules_.push_back({r.id, r.name, r.points, r.team_id, std::move(expr.value())});
    }
    std::sort(fields_.begin(), fields_.end());
    fields_.erase(std::unique(fields_.begin(), fields_.end()), fields_.end());
}

bool RuleSet::reads(std::string_view field) const {
    return std::binary_search(fields_.begin(), fields_.end(), field, std::less<>());
}

bool RuleSet::reads_stage() const {
    return std::any_of(fields_.begin(), fields_.end(), [](const std::string& f) { return f.rfind("stage.", 0) == 0; });
}

Outcome RuleSet::score(const filter::Record& lead, const std::optional<std::int64_t>& team_id,
                       const filter::Context& ctx) const {
    Outcome out;
    for (const auto& r : rules_) {
        if (r.team_id && r.team_id != team_id) continue;
        if (!filter::evaluate(r.expr, filter::lead_filter_fields(), lead, ctx)) continue;
        out.score += r.points;
        out.reasons.push_back({r.id, r.name, r.points});
    }
    return out;
}

Outcome RuleSet::score(const Lead& lead, const std::vector<Stage>* stages, const LeadRecord::TagNames& tag_names,
                       const filter::Context& ctx) const {
    return score(LeadRecord(lead, stages, tag_names), lead.team_id, ctx);
}

// ---- explanations ---------------------------------------------------------------------------------------------

std::string explanation_text(const std::vector<ScoreReason>& reasons) {
    std::string out;
    for (const auto& r : reasons) {
        if (!out.empty()) out += "; ";
        out += r.points < 0 ? "\u2212" + std::to_string(-r.points) : "+" + std::to_string(r.points);
        out += " " + r.name;
    }
    return out;
}

nlohmann::json reasons_json(const std::vector<ScoreReason>& reasons) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : reasons) out.push_back({{"rule_id", r.rule_id}, {"name", r.name}, {"points", r.points}});
    return out;
}

std::vector<ScoreReason> reasons_from_json(const nlohmann::json& j) {
    std::vector<ScoreReason> out;
    if (!j.is_array()) return out;
    for (const auto& item : j) {
        if (!item.is_object()) continue;
        const auto id = item.find("rule_id");
        const auto name = item.find("name");
        const auto points = item.find("points");
        if (id == item.end() || !id->is_number_integer() || name == item.end() || !name->is_string() ||
            points == item.end() || !points->is_number_integer())
            continue;
        out.push_back({id->get<std::int64_t>(), name->get<std::string>(), points->get<std::int64_t>()});
    }
    return out;
}

}  // namespace tumen::scoring
