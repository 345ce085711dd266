// Meetings and the calendar (issue 6): meetings on leads or on their own, the calendar range of one user (their
// meetings and open activities, with local times in their zone), the secret iCalendar feed, invitation e-mails
// with an invite.ics, and the meetings.remind job.
//
// Rights: a meeting on a lead exists for whoever may see the lead (record rules; else 404); a meeting without a
// lead for its organizer, its user attendees, managers and administrators. Whoever sees a meeting may change it.
// Local times: replies carry "local_start"/"local_end" ("2026-11-28T09:30") in the caller's zone (users.tz);
// create/PATCH accept them instead of start/end and convert with tz::to_utc (DST gaps move forward).
// Invitations: each create/update (time, place, title, attendees)/delete with e-mail attendees queues ONE mail
// (MailService::queue_system_mail) to them, with invite.ics METHOD:REQUEST (SEQUENCE bumped) or METHOD:CANCEL. No
// sender configured = the meeting is saved without invitations and the reply says so ("invitations": "no_sender").
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "caller.hpp"
#include "jobs/job_runner.hpp"
#include "services/mail_service.hpp"
#include "store/database.hpp"
#include "tumen/meeting.hpp"

namespace tumen::server {

class MeetingService {
public:
    static constexpr const char* remind_kind = "meetings.remind";
    static constexpr int64_t remind_interval_s = 300;  // safety net; each meeting also gets its own run_once_at

    MeetingService(store::Database& db, JobRunner& jobs, MailService& mail);

    Result<nlohmann::json> lead_meetings(const Caller& caller, int64_t lead_id);
    // lead_id 0 = from the body (optional).
    Result<nlohmann::json> create(const Caller& caller, int64_t lead_id, const nlohmann::json& body);
    Result<nlohmann::json> get(const Caller& caller, int64_t id);
    Result<nlohmann::json> update(const Caller& caller, int64_t id, const nlohmann::json& body);  // with "version"
    Result<bool> remove(const Caller& caller, int64_t id);

    // GET /api/v1/calendar?from&to[&user_id]: local dates in the viewed user's zone, at most 62 days.
    Result<nlohmann::json> calendar(const Caller& caller, const std::string& from, const std::string& to,
                                    std::optional<int64_t> user_id);

    // The feed: {"active", "prefix", "created_at", "last_used_at"}; create/rotate answers once with "url".
    Result<nlohmann::json> feed_info(const Caller& caller);
    Result<nlohmann::json> feed_create(const Caller& caller);
    Result<bool> feed_revoke(const Caller& caller);
    // The .ics text for a token; 404 when unknown or revoked.
    Result<std::string> feed_ics(const std::string& token);

    // The job body: e-mails every reminder that came due, once.
    Result<void> remind_due(JobContext& ctx);

private:
    Result<Meeting> load_visible(store::Connection& c, const Caller& caller, int64_t id);
    nlohmann::json meeting_json(store::Connection& c, const Meeting& m, const std::string& zone);
    std::string domain(store::Connection& c);

    store::Database& db_;
    JobRunner& jobs_;
    MailService& mail_;
};

}  // namespace tumen::server
