// The daily activity digest (issue 6, SPEC F-ACT): the activities.digest job e-mails each user, once per day of
// their own time zone and from the digest hour on (settings 'activities.digest_hour', default 7), what is overdue
// and due today among the open activities assigned to them, within their record rules. Nothing due, no mail.
// Users opt out with PATCH /api/v1/account {"activity_digest": false}.
#pragma once
#include <functional>
#include <string>

#include "jobs/job_runner.hpp"
#include "services/mail_service.hpp"
#include "store/database.hpp"
#include "tumen/datetime.hpp"

namespace tumen::server {

class ActivityDigestService {
public:
    static constexpr const char* kind = "activities.digest";
    static constexpr int64_t interval_s = 900;  // a user's digest hour is reached at most this late

    ActivityDigestService(store::Database& db, JobRunner& jobs, MailService& mail);

    // Queues every digest that is due at `now`; returns how many were queued.
    int send_due(Timestamp now, const std::function<void(std::string)>& log);

private:
    store::Database& db_;
    MailService& mail_;
};

}  // namespace tumen::server
