#include "settings_table.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "api_io.hpp"

namespace tumen::client {

namespace {

bool all_digits(const std::string& s) {
    return !s.empty() && s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string settings_table_trimmed(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

std::string number_text(double v) {
    if (std::floor(v) == v && std::abs(v) < 1e12) return std::to_string(static_cast<long long>(v));
    std::string s = std::to_string(v);
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

}  // namespace

std::vector<std::int64_t> picked_ids(const std::string& text) {
    std::vector<std::int64_t> out;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        const std::string part = settings_table_trimmed(text.substr(at, comma - at));
        if (all_digits(part)) out.push_back(std::atoll(part.c_str()));
        at = comma + 1;
    }
    return out;
}

bool is_picked(const std::string& text, std::int64_t id) {
    const auto ids = picked_ids(text);
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string toggle_picked(const std::string& text, std::int64_t id) {
    auto ids = picked_ids(text);
    const auto it = std::find(ids.begin(), ids.end(), id);
    if (it == ids.end()) ids.push_back(id);
    else ids.erase(it);
    std::string out;
    for (const auto i : ids) out += (out.empty() ? "" : ",") + std::to_string(i);
    return out;
}

bool column_applies(const TableColumn& c, const Draft& d) {
    if (c.when_field.empty()) return true;
    const auto it = d.find(c.when_field);
    return it != d.end() && it->second == c.when_value;
}

std::string TableRow::text(const std::string& field) const {
    if (!record.is_object() || !record.contains(field)) return {};
    const auto& v = record[field];
    if (v.is_string()) return v.get<std::string>();
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_number()) return number_text(v.get<double>());
    if (v.is_array()) {  // ColumnKind::rows
        std::string out;
        for (const auto& x : v)
            if (x.is_number_integer()) out += (out.empty() ? "" : ",") + std::to_string(x.get<std::int64_t>());
        return out;
    }
    return {};
}

SettingsTable::SettingsTable(SettingsIo& io, TableSpec spec) : io_(io), spec_(std::move(spec)), path_(spec_.path) {}

void SettingsTable::set_path(std::string path) {
    if (path == path_) return;
    reset();
    path_ = std::move(path);
}

void SettingsTable::reset() {
    ++load_gen_;
    rows_.clear();
    loading_ = loaded_ = busy_ = adding_ = false;
    editing_.reset();
    confirm_delete_.reset();
    edit_.clear();
    edit_base_.clear();
    new_.clear();
    errors_.clear();
    banner_ = {};
}

void SettingsTable::load() {
    loading_ = true;
    const std::uint64_t gen = ++load_gen_;
    io_.send("GET", path_ + spec_.list_query, nullptr, [this, gen](const HttpResponse& reply) {
        if (gen != load_gen_) return;  // another team's members were asked for since
        loading_ = false;
        loaded_ = true;  // also after a failure: the banner says it, and the view must not ask again every frame
        if (!reply.ok()) {
            banner_ = problem_message(reply);
            return;
        }
        const auto j = reply_json(reply);
        if (!j.is_object() || !j.contains("items") || !j["items"].is_array()) {
            banner_ = Message::from_key("error.bad_response");
            return;
        }
        rows_.clear();
        for (const auto& item : j["items"])
            if (item.is_object()) rows_.push_back({item});
        loaded_ = true;
    });
}

const TableRow* SettingsTable::row(std::int64_t id) const {
    for (const auto& r : rows_)
        if (r.id() == id) return &r;
    return nullptr;
}

const Message* SettingsTable::error(const std::string& field) const {
    auto it = errors_.find(field);
    return it == errors_.end() ? nullptr : &it->second;
}

void SettingsTable::begin_edit(std::int64_t id) {
    const TableRow* r = row(id);
    if (!r || busy_) return;
    adding_ = false;
    editing_ = id;
    edit_.clear();
    for (const auto& c : spec_.columns) edit_[c.field] = r->text(c.field);
    edit_base_ = edit_;
    errors_.clear();
    banner_ = {};
}

void SettingsTable::cancel_edit() {
    editing_.reset();
    edit_.clear();
    edit_base_.clear();
    errors_.clear();
}

bool SettingsTable::edit_dirty() const { return editing_ && edit_ != edit_base_; }

std::optional<nlohmann::json> SettingsTable::body_of(const Draft& d, const std::vector<std::string>& fields) {
    nlohmann::json body = nlohmann::json::object();
    FieldMessages local;
    for (const auto& f : fields) {
        auto col = std::find_if(spec_.columns.begin(), spec_.columns.end(), [&](const auto& c) { return c.field == f; });
        if (col == spec_.columns.end()) continue;
        auto it = d.find(f);
        const std::string v = it == d.end() ? std::string() : settings_table_trimmed(it->second);
        switch (col->kind) {
            case ColumnKind::text: body[f] = it == d.end() ? std::string() : it->second; break;
            case ColumnKind::flag: body[f] = v == "true"; break;
            case ColumnKind::color:
            case ColumnKind::count:
                if (v.empty() && col->kind == ColumnKind::count) body[f] = 0;
                else if (all_digits(v)) body[f] = std::atoll(v.c_str());
                else local[f] = Message::from_key("settings.error.number", {}, f);
                break;
            case ColumnKind::percent: {
                if (v.empty()) {
                    body[f] = nullptr;
                    break;
                }
                char* end = nullptr;
                const double p = std::strtod(v.c_str(), &end);
                if (end && *end == '\0' && p >= 0 && p <= 100) body[f] = p;
                else local[f] = Message::from_key("settings.error.percent", {}, f);
                break;
            }
            case ColumnKind::choice:
                if (v.empty() && !col->choices.empty()) body[f] = col->choices.front();
                else if (std::find(col->choices.begin(), col->choices.end(), v) != col->choices.end()) body[f] = v;
                else local[f] = Message::from_key("settings.error.choice", {}, f);
                break;
            case ColumnKind::team:
            case ColumnKind::user:
            case ColumnKind::row:
                if (v.empty()) body[f] = nullptr;
                else if (all_digits(v)) body[f] = std::atoll(v.c_str());
                else local[f] = Message::from_key("settings.error.number", {}, f);
                break;
            case ColumnKind::rows: {
                nlohmann::json ids = nlohmann::json::array();
                for (const auto id : picked_ids(v)) ids.push_back(id);
                body[f] = std::move(ids);
                break;
            }
        }
    }
    if (!local.empty()) {
        errors_ = std::move(local);
        return std::nullopt;
    }
    return body;
}

void SettingsTable::save_edit() {
    if (!editing_ || busy_) return;
    const TableRow* r = row(*editing_);
    if (!r) return cancel_edit();
    std::vector<std::string> changed;
    for (const auto& [f, v] : edit_)
        if (edit_base_[f] != v) changed.push_back(f);
    if (changed.empty()) return cancel_edit();
    auto body = body_of(edit_, changed);
    if (!body) return;
    if (r->record.contains("version")) (*body)["version"] = r->record["version"];
    errors_.clear();
    banner_ = {};
    busy_ = true;
    const std::int64_t id = *editing_;
    io_.send("PATCH", item_path(id), *body, [this, id](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) {
            if (auto current = stale_current(reply)) {
                // Someone saved first: show their record, keep what the user typed; saving again overwrites.
                for (auto& row : rows_)
                    if (row.id() == id) row.record = *current;
                if (editing_ == id)
                    for (const auto& c : spec_.columns) {
                        // Fields the user did not touch follow the server; typed ones stay.
                        const std::string now = TableRow{*current}.text(c.field);
                        if (edit_[c.field] == edit_base_[c.field]) edit_[c.field] = now;
                        edit_base_[c.field] = now;
                    }
                banner_ = Message::from_key("settings.stale");
                return;
            }
            return fail(reply);
        }
        const auto j = reply_json(reply);
        for (auto& row : rows_)
            if (row.id() == id && j.is_object()) row.record = j;
        if (editing_ == id) cancel_edit();
    });
}

void SettingsTable::begin_add() {
    if (busy_) return;
    cancel_edit();
    adding_ = true;
    new_.clear();
    for (const auto& c : spec_.columns) {
        if (!c.on_create) continue;
        if (c.kind == ColumnKind::flag) new_[c.field] = c.field == "active" ? "true" : "false";
        else if (c.kind == ColumnKind::color) new_[c.field] = "0";
        else if (c.kind == ColumnKind::choice && !c.choices.empty()) new_[c.field] = c.choices.front();
        else new_[c.field] = "";
    }
    errors_.clear();
    banner_ = {};
}

void SettingsTable::cancel_add() {
    adding_ = false;
    new_.clear();
    errors_.clear();
}

void SettingsTable::submit_new() {
    if (!adding_ || busy_) return;
    std::vector<std::string> fields;
    for (const auto& c : spec_.columns) {
        if (!c.on_create) continue;
        const auto it = new_.find(c.field);
        const bool blank = it == new_.end() || settings_table_trimmed(it->second).empty();
        // Empty optional values are left to the server's defaults; the name is always sent (so "required" comes back).
        if (!blank || c.kind == ColumnKind::text) fields.push_back(c.field);
    }
    auto body = body_of(new_, fields);
    if (!body) return;
    errors_.clear();
    banner_ = {};
    busy_ = true;
    io_.send("POST", path_, *body, [this](const HttpResponse& reply) {
        busy_ = false;
        if (!reply.ok()) return fail(reply);
        const auto j = reply_json(reply);
        if (j.is_object()) rows_.push_back({j});
        cancel_add();
    });
}

void SettingsTable::confirm_delete() {
    if (!confirm_delete_ || busy_) return;
    const std::int64_t id = *confirm_delete_;
    confirm_delete_.reset();
    busy_ = true;
    banner_ = {};
    io_.send("DELETE", item_path(id), nullptr, [this, id](const HttpResponse& reply) {
        busy_ = false;
        if (reply.ok() || reply.status == 404) {  // 404: already gone, which is what was asked
            rows_.erase(std::remove_if(rows_.begin(), rows_.end(), [id](const auto& r) { return r.id() == id; }), rows_.end());
            if (editing_ == id) cancel_edit();
            return;
        }
        const bool archivable = std::any_of(spec_.columns.begin(), spec_.columns.end(),
                                            [](const auto& c) { return c.field == "active"; });
        if (reply.status == 409 && archivable) banner_ = Message::from_key("settings.in_use_archive");
        else banner_ = problem_message(reply);
    });
}

void SettingsTable::move(std::int64_t id, int delta) {
    if (!spec_.reorder || busy_) return;
    auto it = std::find_if(rows_.begin(), rows_.end(), [id](const auto& r) { return r.id() == id; });
    if (it == rows_.end()) return;
    const auto i = it - rows_.begin();
    const auto j = i + delta;
    if (j < 0 || j >= static_cast<std::ptrdiff_t>(rows_.size())) return;
    std::swap(rows_[static_cast<size_t>(i)], rows_[static_cast<size_t>(j)]);
    nlohmann::json ids = nlohmann::json::array();
    for (const auto& r : rows_) ids.push_back(r.id());
    busy_ = true;
    banner_ = {};
    io_.send("POST", path_ + "/reorder", {{"ids", ids}}, [this](const HttpResponse& reply) {
        busy_ = false;
        const auto j = reply_json(reply);
        if (reply.ok() && j.is_object() && j.contains("items") && j["items"].is_array()) {
            rows_.clear();
            for (const auto& item : j["items"]) rows_.push_back({item});
            return;
        }
        banner_ = reply.ok() ? Message::from_key("error.bad_response") : problem_message(reply);
        load();  // the order on the server is the truth
    });
}

void SettingsTable::fail(const HttpResponse& reply) {
    errors_ = field_messages(reply);
    // A field the row does not show (or none at all): the banner says it.
    bool shown = false;
    for (const auto& [f, m] : errors_)
        for (const auto& c : spec_.columns)
            if (c.field == f) shown = true;
    if (!shown) banner_ = problem_message(reply);
}

}  // namespace tumen::client
