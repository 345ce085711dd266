#include "lead_probability.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "lead_form.hpp"

namespace tumen::client {

namespace {

double number(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number() ? j[key].get<double>() : 0.0;
}

std::string text(const nlohmann::json& j, const char* key) {
    if (!j.contains(key)) return {};
    if (j[key].is_string()) return j[key].get<std::string>();
    if (j[key].is_number_integer()) return std::to_string(j[key].get<std::int64_t>());
    return {};
}

}  // namespace

std::optional<ProbabilityInfo> probability_info_of(const nlohmann::json& j) {
    if (!j.is_object() || !j.contains("probability") || !j["probability"].is_number()) return std::nullopt;
    ProbabilityInfo p;
    p.loaded = true;
    p.probability = number(j, "probability");
    p.automated = number(j, "automated_probability");
    p.manual = j.value("probability_manual", false);
    if (j.contains("explanation") && j["explanation"].is_object()) {
        const auto& e = j["explanation"];
        p.base = number(e, "base");
        p.base_is_model_start = text(e, "base_kind") == "model_start";
        if (e.contains("factors") && e["factors"].is_array())
            for (const auto& f : e["factors"]) {
                if (!f.is_object() || !f.contains("variable")) continue;
                p.factors.push_back({text(f, "variable"), text(f, "value"), number(f, "points")});
            }
    }
    return p;
}

std::string signed_points(double points) {
    const double r = std::round(points * 10) / 10;
    char buf[32];
    if (r == std::round(r)) std::snprintf(buf, sizeof buf, "%.0f", std::fabs(r));
    else std::snprintf(buf, sizeof buf, "%.1f", std::fabs(r));
    return std::string(r < 0 ? "\u2212" : "+") + buf;
}

std::string factor_variable(i18n::Lang lang, const ProbabilityFactor& f) {
    const std::string key = "lead.probability.var." + f.variable;
    return i18n::has(lang, key) ? std::string(i18n::tr(lang, key)) : f.variable;
}

std::string factor_value(i18n::Lang lang, const LeadReferences& refs, const ProbabilityFactor& f) {
    const auto id = [&] { return static_cast<std::int64_t>(std::strtoll(f.value.c_str(), nullptr, 10)); };
    if (f.variable == "email_state" || f.variable == "phone_state") {
        // The models keep an empty state as "False" (Odoo's way of storing it).
        const bool missing = f.value.empty() || f.value == "False";
        return std::string(i18n::tr(lang, missing ? "lead.probability.state.missing" : "lead.probability.state." + f.value));
    }
    if (f.value.empty()) return std::string(i18n::tr(lang, "lead.probability.state.missing"));
    if (f.variable == "stage_id") return refs.stage_name(id());
    if (f.variable == "tag_id") return LeadReferences::name_in(refs.tags, id());
    if (f.variable == "source_id") return LeadReferences::name_in(refs.sources, id());
    if (f.variable == "medium_id") return LeadReferences::name_in(refs.mediums, id());
    if (f.variable == "campaign_id") return LeadReferences::name_in(refs.campaigns, id());
    return f.value;
}

std::string base_text(i18n::Lang lang, const ProbabilityInfo& p) {
    return i18n::tr(lang, p.base_is_model_start ? "lead.probability.model_start" : "lead.probability.base",
                    {{"value", percent_text(p.base.value_or(0)) + "%"}});
}

std::string factor_text(i18n::Lang lang, const LeadReferences& refs, const ProbabilityFactor& f) {
    return i18n::tr(lang, "lead.probability.factor",
                    {{"points", signed_points(f.points)}, {"variable", factor_variable(lang, f)}, {"value", factor_value(lang, refs, f)}});
}

}  // namespace tumen::client
