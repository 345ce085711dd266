#include "services/activity_digest_service.hpp"

#include "services/auth_service.hpp"
#include "services/message_lang.hpp"
#include "store/activities.hpp"
#include "store/activity_digests.hpp"
#include "store/record_rules.hpp"
#include "store/users.hpp"
#include "tumen/activity_digest.hpp"
#include "tumen/mail_address.hpp"
#include "tz/user_zone.hpp"

namespace tumen::server {

namespace {

// The user as the record rules see them, as if they had signed in.
Caller caller_for(store::Connection& c, const store::UserRow& u) {
    Caller caller;
    caller.user_id = u.id;
    caller.login = u.login;
    caller.name = u.name;
    caller.role = u.role;
    caller.lang = u.lang;
    add_record_rule_facts(c, caller);
    return caller;
}

std::string type_name(store::Connection& c, i18n::Lang lang, std::optional<int64_t> type_id) {
    if (!type_id) return {};
    const auto t = store::find_activity_type(c, *type_id);
    if (!t) return {};
    return t->code.empty() ? t->name : std::string(i18n::tr(lang, "activity_type." + t->code));
}

}  // namespace

ActivityDigestService::ActivityDigestService(store::Database& db, JobRunner& jobs, MailService& mail)
    : db_(db), mail_(mail) {
    jobs.register_kind(kind, [this](JobContext& ctx, const nlohmann::json&) -> Result<void> {
        const int queued = send_due(unix_now(), [&](std::string line) { ctx.log(std::move(line)); });
        ctx.log(std::to_string(queued) + " digests queued");
        return {};
    }, interval_s);
}

int ActivityDigestService::send_due(Timestamp now, const std::function<void(std::string)>& log) {
    const auto hour = store::digest_hour(db_.reader());
    if (!hour) return 0;
    int queued = 0, unsent = 0;
    for (const int64_t user_id : store::digest_recipients(db_.reader())) {
        db_.write([&](store::Connection& c) {
            const auto u = store::find_user(c, user_id);
            if (!u) return;
            const DayNumber today = tz::local_day(u->tz, now);
            const int64_t local_seconds = now + tz::utc_offset_s(u->tz, now) - int64_t{today} * 86400;
            if (local_seconds < int64_t{*hour} * 3600) return;  // not yet their digest hour
            const std::string day = format_date(today);
            if (store::last_digest_day(c, user_id) == day) return;

            const auto lang = message_lang(u->lang);
            std::vector<DigestItem> items;
            for (const auto& ua : store::user_open_activities(c, user_id, store::lead_rule_sql(caller_for(c, *u))))
                if (ua.activity.due_date)
                    items.push_back({ua.lead_name, type_name(c, lang, ua.activity.type_id), ua.activity.summary,
                                     *ua.activity.due_date});
            if (auto digest = activity_digest(lang, today, std::move(items))) {
                SystemMail m;
                m.res_model = "user";
                m.res_id = user_id;
                m.to = {format_address({u->name, u->email})};
                m.subject = std::move(digest->subject);
                m.body_text = std::move(digest->body_text);
                if (auto r = mail_.queue_system_mail(c, m); !r) {
                    ++unsent;  // no sender yet: try again on the next run, today's digest is still worth having
                    return;
                }
                ++queued;
            }
            store::mark_digest_sent(c, user_id, day, now);
        });
    }
    if (unsent) log(std::to_string(unsent) + " digests not queued: no e-mail sender is configured (Settings > E-mail)");
    if (queued) mail_.poke_sender();
    return queued;
}

}  // namespace tumen::server
