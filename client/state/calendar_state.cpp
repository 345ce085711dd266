#include "calendar_state.hpp"

#include <algorithm>

#include "app_state.hpp"
#include "json_fields.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

std::optional<std::int64_t> id_of(const json& j, const char* key) {
    if (j.contains(key) && j[key].is_number_integer()) return j[key].get<std::int64_t>();
    return std::nullopt;
}

std::optional<int> parse_hhmm(const std::string& t) {
    auto p = parse_local_datetime("2000-01-01T" + t);
    if (!p) return std::nullopt;
    return p->seconds;
}

}  // namespace

const std::vector<int>& reminder_choices() {
    static const std::vector<int> c = {-1, 0, 5, 15, 30, 60, 1440};
    return c;
}

std::optional<CalendarItem> calendar_item_of(const json& j) {
    if (!j.is_object()) return std::nullopt;
    CalendarItem it;
    it.kind = j.contains("kind") ? str(j, "kind") : "meeting";
    auto id = id_of(j, "id");
    if (!id) return std::nullopt;
    it.id = *id;
    it.title = str(j, "title");
    it.location = str(j, "location");
    it.description = str(j, "description");
    it.lead_name = str(j, "lead_name");
    it.lead_id = id_of(j, "lead_id");
    it.version = id_of(j, "version").value_or(0);
    it.all_day = j.value("all_day", false);
    if (j.contains("attendees") && j["attendees"].is_array())
        for (const auto& a : j["attendees"]) {
            std::string n = str(a, "name");
            if (n.empty()) n = str(a, "email");
            if (!n.empty()) it.attendee_names.push_back(n);
        }
    if (it.all_day) {
        auto s = parse_date(str(j, "start_date")), e = parse_date(str(j, "end_date"));
        if (!s || !e) return std::nullopt;
        it.start_date = *s;
        it.end_date = *e;
    } else {
        auto s = parse_local_datetime(str(j, "local_start")), e = parse_local_datetime(str(j, "local_end"));
        if (!s || !e) return std::nullopt;
        it.start = *s;
        it.end = *e;
        it.start_date = s->day;
        // Ending at midnight does not touch the next day.
        it.end_date = e->seconds == 0 && e->day > s->day ? e->day - 1 : e->day;
    }
    return it;
}

void CalendarState::show() {
    if (shown_) return;
    shown_ = true;
    load();
}

void CalendarState::reset() {
    io_.reset();
    ++load_gen_;
    shown_ = today_known_ = loading_ = saving_ = dialog_open_ = false;
    utc_offset_s_.reset();
    items_.clear();
    lead_meetings_.clear();
    lead_id_ = moving_id_ = selected_ = 0;
    banner_ = dialog_banner_ = {};
    dialog_errors_.clear();
}

void CalendarState::set_mode(CalendarMode m) {
    mode_ = m;
    reload();
}

void CalendarState::next() {
    anchor_ = mode_ == CalendarMode::day ? anchor_ + 1 : mode_ == CalendarMode::week ? anchor_ + 7 : add_months(anchor_, 1);
    reload();
}

void CalendarState::previous() {
    anchor_ = mode_ == CalendarMode::day ? anchor_ - 1 : mode_ == CalendarMode::week ? anchor_ - 7 : add_months(anchor_, -1);
    reload();
}

std::optional<CalendarState::LocalNow> CalendarState::local_now(Timestamp utc_now) const {
    if (!utc_offset_s_) return std::nullopt;
    const Timestamp local = utc_now + *utc_offset_s_;
    const DayNumber day = day_of(local);
    return LocalNow{day, static_cast<int>(local - start_of_day(day))};
}

bool CalendarState::is_today(DayNumber d, Timestamp utc_now) const {
    if (const auto now = local_now(utc_now)) return d == now->day;
    return today_known_ && d == today_;
}

void CalendarState::go_today() {
    anchor_ = today_;
    reload();
}

DayNumber CalendarState::first_day() const {
    const std::string_view lang = i18n::code(app_.language());
    switch (mode_) {
        case CalendarMode::day: return anchor_;
        case CalendarMode::week: return week_start(anchor_, lang);
        case CalendarMode::month: return week_start(month_start(anchor_), lang);
    }
    return anchor_;
}

DayNumber CalendarState::last_day() const {
    switch (mode_) {
        case CalendarMode::day: return anchor_;
        case CalendarMode::week: return first_day() + 6;
        case CalendarMode::month: {
            const DayNumber month_end = add_months(month_start(anchor_), 1) - 1;
            const DayNumber first = first_day();
            return first + ((month_end - first) / 7 + 1) * 7 - 1;  // whole weeks
        }
    }
    return anchor_;
}

void CalendarState::reload() {
    if (shown_) load();
}

void CalendarState::load() {
    const std::uint64_t gen = ++load_gen_;
    loading_ = true;
    std::string path = "/api/v1/calendar";
    if (today_known_) path += "?from=" + format_date(first_day()) + "&to=" + format_date(last_day());
    io_.send("GET", path, nullptr, [this, gen](const HttpResponse& reply) {
        if (gen != load_gen_) return;
        loading_ = false;
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        const json j = reply_json(reply);
        const bool first = !today_known_;
        if (auto t = parse_date(str(j, "today"))) {
            today_ = *t;
            today_known_ = true;
        }
        if (j.contains("utc_offset_s") && j["utc_offset_s"].is_number_integer())
            utc_offset_s_ = j["utc_offset_s"].get<int>();
        if (first && today_known_) {
            anchor_ = today_;
            load();  // now the real range
            return;
        }
        take_items(j);
    });
}

void CalendarState::take_items(const json& j) {
    items_.clear();
    if (j.contains("items") && j["items"].is_array())
        for (const auto& x : j["items"])
            if (auto it = calendar_item_of(x)) items_.push_back(std::move(*it));
}

std::vector<PlacedItem> CalendarState::timed_on(DayNumber day) const {
    std::vector<PlacedItem> out;
    for (const auto& it : items_) {
        if (it.all_day || !it.covers(day)) continue;
        PlacedItem p;
        p.item = &it;
        p.from_s = it.start.day < day ? 0 : it.start.seconds;
        p.to_s = it.end.day > day ? 86400 : it.end.seconds;
        out.push_back(p);
    }
    std::vector<std::pair<std::int64_t, std::int64_t>> spans;
    for (const auto& p : out) spans.push_back({p.from_s, p.to_s});
    const auto slots = layout_day(spans, 15 * 60);  // a short meeting still gets a 15-minute block
    for (std::size_t i = 0; i < out.size(); ++i) out[i].slot = slots[i];
    return out;
}

std::vector<const CalendarItem*> CalendarState::all_day_on(DayNumber day) const {
    std::vector<const CalendarItem*> out;
    for (const auto& it : items_)
        if (it.all_day && it.covers(day)) out.push_back(&it);
    return out;
}

void CalendarState::move(std::int64_t meeting_id, DayNumber day, int start_s, int end_s) {
    auto it = std::find_if(items_.begin(), items_.end(),
                           [&](const CalendarItem& x) { return x.kind == "meeting" && x.id == meeting_id; });
    if (it == items_.end() || it->all_day || moving_id_) return;
    if (end_s <= start_s) end_s = start_s + 15 * 60;
    const LocalDateTime new_start{day, start_s};
    const LocalDateTime new_end = end_s >= 86400 ? LocalDateTime{day + 1, end_s - 86400} : LocalDateTime{day, end_s};
    if (new_start == it->start && new_end == it->end) return;
    const CalendarItem before = *it;
    it->start = new_start;
    it->end = new_end;
    it->start_date = day;
    it->end_date = new_end.seconds == 0 && new_end.day > day ? new_end.day - 1 : new_end.day;
    moving_id_ = meeting_id;
    banner_ = {};
    const json body = {{"version", before.version},
                       {"local_start", format_local_datetime(new_start.day, new_start.seconds)},
                       {"local_end", format_local_datetime(new_end.day, new_end.seconds)}};
    const std::uint64_t gen = load_gen_;
    io_.send("PATCH", "/api/v1/meetings/" + std::to_string(meeting_id), body, [this, gen, before](const HttpResponse& reply) {
        moving_id_ = 0;
        if (gen != load_gen_) return;  // the range changed meanwhile: the new load shows the truth
        auto it = std::find_if(items_.begin(), items_.end(),
                               [&](const CalendarItem& x) { return x.kind == "meeting" && x.id == before.id; });
        if (!reply.ok()) {
            if (it != items_.end()) *it = before;  // snap back
            banner_ = reply.status == 409 ? Message::from_key("calendar.error.changed") : problem_message(reply);
            if (reply.status == 409) reload();
            return;
        }
        if (auto fresh = calendar_item_of(reply_json(reply)); fresh && it != items_.end()) {
            fresh->kind = "meeting";
            *it = std::move(*fresh);
        }
    });
}

const CalendarItem* CalendarState::selected() const {
    if (!selected_) return nullptr;
    for (const auto& it : items_)
        if (it.id == selected_ && it.kind == selected_kind_) return &it;
    for (const auto& it : lead_meetings_)
        if (it.id == selected_ && selected_kind_ == "meeting") return &it;
    return nullptr;
}

void CalendarState::cancel_selected() {
    const CalendarItem* it = selected();
    if (!it || it->kind != "meeting") return;
    const std::int64_t id = it->id;
    io_.send("DELETE", "/api/v1/meetings/" + std::to_string(id), nullptr, [this, id](const HttpResponse& reply) {
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        if (selected_ == id) selected_ = 0;
        items_.erase(std::remove_if(items_.begin(), items_.end(), [&](const CalendarItem& x) { return x.kind == "meeting" && x.id == id; }),
                     items_.end());
        lead_meetings_.erase(std::remove_if(lead_meetings_.begin(), lead_meetings_.end(),
                                            [&](const CalendarItem& x) { return x.id == id; }),
                             lead_meetings_.end());
    });
}

void CalendarState::show_lead(std::int64_t lead_id) {
    if (lead_id == lead_id_) return;
    lead_id_ = lead_id;
    lead_meetings_.clear();
    if (!lead_id) return;
    io_.send("GET", "/api/v1/leads/" + std::to_string(lead_id) + "/meetings", nullptr, [this, lead_id](const HttpResponse& reply) {
        if (lead_id != lead_id_ || !reply.ok()) return;
        lead_meetings_.clear();
        const json j = reply_json(reply);
        if (j.contains("items") && j["items"].is_array())
            for (const auto& x : j["items"])
                if (auto it = calendar_item_of(x)) lead_meetings_.push_back(std::move(*it));
    });
}

void CalendarState::open_dialog(std::int64_t lead_id, std::string default_title, std::string contact_name,
                                std::string contact_email) {
    draft_ = {};
    draft_.reminder_index = 3;  // 15 minutes before
    draft_.lead_id = lead_id;
    draft_.title = std::move(default_title);
    draft_.contact_name = std::move(contact_name);
    draft_.contact_email = std::move(contact_email);
    draft_.invite_contact = !draft_.contact_email.empty();
    const DayNumber day = today_known_ ? (mode_ == CalendarMode::day ? anchor_ : today_) : 0;
    if (day) draft_.date = format_date(day);
    dialog_errors_.clear();
    dialog_banner_ = {};
    dialog_open_ = true;
}

void CalendarState::close_dialog() {
    dialog_open_ = saving_ = false;
    dialog_errors_.clear();
    dialog_banner_ = {};
}

const Message* CalendarState::dialog_error(const std::string& field) const {
    auto it = dialog_errors_.find(field);
    return it == dialog_errors_.end() ? nullptr : &it->second;
}

json CalendarState::draft_body(FieldMessages& local) const {
    const MeetingDraft& d = draft_;
    json body = {{"title", d.title}, {"location", d.location}, {"description", d.description}};
    if (d.title.find_first_not_of(" \t") == std::string::npos)
        local["title"] = Message::from_key("settings.error.required", {}, "title");
    const auto day = parse_date(d.date);
    if (!day) local["date"] = Message::from_key("calendar.error.date", {}, "date");
    if (d.all_day) {
        body["all_day"] = true;
        if (day) body["start_date"] = body["end_date"] = format_date(*day);
    } else {
        const auto s = parse_hhmm(d.start_time), e = parse_hhmm(d.end_time);
        if (!s) local["start_time"] = Message::from_key("calendar.error.time", {}, "start_time");
        if (!e) local["end_time"] = Message::from_key("calendar.error.time", {}, "end_time");
        if (s && e && *e <= *s) local["end_time"] = Message::from_key("calendar.error.end_before_start", {}, "end_time");
        if (day && s && e) {
            body["local_start"] = format_local_datetime(*day, *s);
            body["local_end"] = format_local_datetime(*day, *e);
        }
    }
    const int r = reminder_choices().at(static_cast<std::size_t>(std::clamp<int>(d.reminder_index, 0, int(reminder_choices().size()) - 1)));
    body["reminder_minutes"] = r < 0 ? json(nullptr) : json(r);
    json attendees = json::array();
    for (auto u : d.user_ids) attendees.push_back({{"user_id", u}});
    if (d.invite_contact && !d.contact_email.empty())
        attendees.push_back({{"email", d.contact_email}, {"name", d.contact_name}});
    body["attendees"] = attendees;
    return body;
}

void CalendarState::save_dialog() {
    if (!dialog_open_ || saving_) return;
    dialog_errors_.clear();
    dialog_banner_ = {};
    FieldMessages local;
    json body = draft_body(local);
    if (!local.empty()) {
        dialog_errors_ = std::move(local);
        return;
    }
    saving_ = true;
    const std::string path = draft_.lead_id ? "/api/v1/leads/" + std::to_string(draft_.lead_id) + "/meetings"
                                            : std::string("/api/v1/meetings");
    io_.send("POST", path, body, [this](const HttpResponse& reply) {
        saving_ = false;
        if (!reply.ok()) {
            // The server's field names, shown under the dialog's own fields.
            for (auto& [f, m] : field_messages(reply)) {
                std::string field = f == "local_start" || f == "start" ? "start_time"
                                    : f == "local_end" || f == "end"   ? "end_time"
                                    : f == "start_date" || f == "end_date" ? "date"
                                                                           : f;
                if (field == "title" || field == "date" || field == "start_time" || field == "end_time") dialog_errors_[field] = m;
                else if (dialog_banner_.empty()) dialog_banner_ = m;
            }
            if (dialog_errors_.empty() && dialog_banner_.empty()) dialog_banner_ = problem_message(reply);
            return;
        }
        const std::int64_t lead = draft_.lead_id;
        close_dialog();
        if (lead && lead == lead_id_) {
            lead_id_ = 0;
            show_lead(lead);
        }
        reload();
    });
}

json CalendarState::probe() const {
    static const char* modes[] = {"day", "week", "month"};
    json items = json::array();
    for (const auto& it : items_)
        items.push_back({{"kind", it.kind}, {"id", it.id}, {"title", it.title}, {"all_day", it.all_day},
                         {"local_start", it.all_day ? json(nullptr) : json(format_local_datetime(it.start.day, it.start.seconds))},
                         {"local_end", it.all_day ? json(nullptr) : json(format_local_datetime(it.end.day, it.end.seconds))},
                         {"version", it.version}});
    json lead = json::array();
    for (const auto& it : lead_meetings_) lead.push_back({{"id", it.id}, {"title", it.title}});
    json errors = json::object();
    for (const auto& [f, m] : dialog_errors_) errors[f] = m.render(app_.language());
    return {{"mode", modes[static_cast<int>(mode_)]},
            {"first_day", format_date(first_day())},
            {"last_day", format_date(last_day())},
            {"today", today_known_ ? json(format_date(today_)) : json(nullptr)},
            {"utc_offset_s", utc_offset_s_ ? json(*utc_offset_s_) : json(nullptr)},
            {"loading", loading_},
            {"moving", moving_id_ != 0},
            {"banner", banner_.render(app_.language())},
            {"items", items},
            {"lead_meetings", lead},
            {"dialog", {{"open", dialog_open_}, {"saving", saving_}, {"errors", errors},
                        {"banner", dialog_banner_.render(app_.language())}}}};
}

}  // namespace tumen::client
