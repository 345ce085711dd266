// The lead form's probability block: the explanation is asked once per version of the lead (a save, an action or
// a live reload may change stage, tags or the automatic value), and "Reset to automatic".
#include "api_io.hpp"
#include "app_state.hpp"
#include "lead_form.hpp"

namespace tumen::client {

void LeadForm::ensure_probability() {
    if (!lead_ || lead_->id == 0 || lead_->version == probability_version_) return;
    probability_version_ = lead_->version;
    send(request("GET", lead_path("/probability")), [this](const HttpResponse& reply) {
        if (!reply.ok()) {
            probability_.error = problem_message(reply);
            return;
        }
        auto info = probability_info_of(nlohmann::json::parse(reply.body, nullptr, false));
        if (!info) {
            probability_.error = Message::from_key("error.bad_response");
            return;
        }
        probability_ = std::move(*info);
    });
}

void LeadForm::reset_probability() { lead_action("/probability/reset", nlohmann::json::object(), false); }

}  // namespace tumen::client
