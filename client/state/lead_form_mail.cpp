// E-mail on the lead form: the compose dialog opened on the lead, the delivery state of each e-mail in the
// timeline, and polling while one is still queued (live updates refresh it too; the poll covers a client without
// the event stream and a state change the server publishes no event for).
#include <algorithm>

#include "app_state.hpp"
#include "lead_form.hpp"

namespace tumen::client {

std::optional<ChatterMessage> LeadForm::take_message(const nlohmann::json& j) {
    auto m = chatter_message_from_json(j);
    if (!m) return std::nullopt;
    if (auto s = mail_status_of(j)) mail_[m->id] = std::move(*s);
    else mail_.erase(m->id);
    if (auto s = sms_status_of(j)) sms_[m->id] = std::move(*s);
    else sms_.erase(m->id);
    return std::move(m).value();
}

const MailStatus* LeadForm::mail_of(std::int64_t message_id) const {
    auto it = mail_.find(message_id);
    return it == mail_.end() ? nullptr : &it->second;
}

bool LeadForm::mail_pending() const {
    return std::any_of(messages_.begin(), messages_.end(), [this](const ChatterMessage& m) {
        const MailStatus* s = mail_of(m.id);
        const SmsStatus* t = sms_of(m.id);
        return (s && s->pending()) || (t && t->pending());
    });
}

const SmsStatus* LeadForm::sms_of(std::int64_t message_id) const {
    auto it = sms_.find(message_id);
    return it == sms_.end() ? nullptr : &it->second;
}

void LeadForm::open_sms() {
    if (lead_) sms_compose_.open(*lead_);
}

void LeadForm::poll_mail(double now_ms, double every_ms) {
    if (!lead_ || loading_messages_ || polling_mail_ || !mail_pending()) return;
    if (last_mail_poll_ms_ == 0) last_mail_poll_ms_ = now_ms;  // the first poll waits one interval
    if (now_ms - last_mail_poll_ms_ < every_ms) return;
    last_mail_poll_ms_ = now_ms;
    polling_mail_ = true;
    load_messages(true);
}

void LeadForm::open_compose() {
    if (!lead_) return;
    PreviewNames names;
    if (lead_->stage_id) names.stage = refs_.stage_name(*lead_->stage_id);
    if (lead_->team_id) names.team = LeadReferences::name_in(refs_.teams, *lead_->team_id);
    if (lead_->user_id) names.salesperson = LeadReferences::name_in(refs_.users, *lead_->user_id);
    compose_.open(*lead_, std::move(names));
}

}  // namespace tumen::client
