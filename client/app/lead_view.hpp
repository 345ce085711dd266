// The pieces of the lead form view (#/lead/<id>), one file each: the header (breadcrumb, action buttons, stage
// statusbar), the form card with every field, the chatter, and the dialogs (lost, convert, merge).
#pragma once
#include "lead_widgets.hpp"
#include "state/app_state.hpp"
#include "views.hpp"

namespace tumen::app {

// Breadcrumb, the action buttons and the stage statusbar, `width` wide at the cursor.
void lead_header(client::AppState& app, Ui& ui, float width);
// The form card at the cursor, `width` wide.
void lead_card(client::AppState& app, Ui& ui, float width);
// The probability with its automatic/by-hand mark, Reset and the model's explanation (lead_view_probability.cpp).
void lead_probability_block(client::AppState& app, Ui& ui, float width);
// The chatter column at the cursor, `width` wide.
void lead_chatter(client::AppState& app, Ui& ui, float width);
// The open dialog, if any (modal, centred; Esc closes it).
void lead_dialogs(client::AppState& app, Ui& ui);
// The "Send e-mail" dialog while it is open (lead_view_mail.cpp).
void lead_compose_dialog(client::AppState& app, Ui& ui);
// An e-mail's delivery state as a pill (failed and bounced in solid red), and the recipients with the server's
// answer of a failure under the message.
void mail_badge(client::AppState& app, Ui& ui, const std::string& id, const client::MailStatus& status);
// The state's words and colours ("failed": white on solid red), shared with Settings › E-mail's outbox.
std::string mail_state_label(client::AppState& app, const std::string& state);
ImU32 mail_state_bg(const std::string& state);
ImU32 mail_state_fg(const std::string& state);
void mail_details(client::AppState& app, Ui& ui, const std::string& id, const client::MailStatus& status, float width);
// The "Send SMS" dialog while it is open, and an SMS's delivery state in the timeline (lead_view_sms.cpp).
void lead_sms_dialog(client::AppState& app, Ui& ui);
// Meetings (meeting_dialog.cpp): the "Meeting" dialog (also the calendar's) and the lead's upcoming meetings.
void meeting_dialog(client::AppState& app, Ui& ui);
void lead_meetings_block(client::AppState& app, Ui& ui, float width);
// An opportunity's quotations and orders with counts and totals, and "New quotation" (quotation_view.cpp).
void lead_quotations_block(client::AppState& app, Ui& ui, float width);
void sms_badge(client::AppState& app, Ui& ui, const std::string& id, const client::SmsStatus& status);
void sms_details(client::AppState& app, Ui& ui, const std::string& id, const client::SmsStatus& status, float width);

// A local-time "2026-11-27 13:30" for a UTC timestamp (the browser's time zone).
std::string local_time_text(std::int64_t utc_seconds);

}  // namespace tumen::app
