#include "board_state.hpp"

#include <algorithm>
#include <cstdlib>
#include <memory>
#include <nlohmann/json.hpp>

#include "api_io.hpp"
#include "app_state.hpp"
#include "json_fields.hpp"
#include "tumen/api.hpp"
#include "tumen/board_status.hpp"
#include "tumen/scoring_rules.hpp"

namespace tumen::client {

namespace {

using nlohmann::json;

// What a card shows: ask the server for these fields only (50,000 cards are paged, but every byte counts).
constexpr const char* card_fields =
    "name,partner_name,contact_name,expected_revenue,probability,priority,tag_ids,user_id,stage_id,team_id,active,"
    "date_last_stage_update,create_date,lost_reason_id,type,next_activity,no_next_step,score,score_explanation";

std::optional<std::int64_t> board_opt_id(const json& j, const char* key) {
    if (j.contains(key) && j[key].is_number_integer()) return j[key].get<std::int64_t>();
    return std::nullopt;
}

std::optional<Timestamp> time_of(const json& j, const char* key) {
    if (!j.contains(key)) return std::nullopt;
    if (j[key].is_string()) return parse_timestamp(j[key].get<std::string>());
    if (j[key].is_number_integer()) return j[key].get<Timestamp>();
    return std::nullopt;
}

std::vector<MoneySum> sums_from_json(const json& arr) {
    std::vector<MoneySum> out;
    if (!arr.is_array()) return out;
    for (const auto& s : arr) {
        if (!s.is_object()) continue;
        MoneySum m;
        m.currency = str(s, "currency");
        m.expected = s.value("expected_revenue", std::int64_t{0});
        m.weighted = s.value("weighted_revenue", std::int64_t{0});
        out.push_back(std::move(m));
    }
    std::stable_sort(out.begin(), out.end(), [](const MoneySum& a, const MoneySum& b) { return a.expected > b.expected; });
    return out;
}

// The team #/pipeline (no team in the address) opened last time in this browser: guessed at the next start.
constexpr std::string_view board_team_key = "tumen.board.team";

json board_items_of(const HttpResponse& reply) {
    auto j = json::parse(reply.body, nullptr, false);
    if (j.is_object() && j.contains("items") && j["items"].is_array()) return j["items"];
    return json::array();
}

}  // namespace

bool card_sorts_before(const Lead& a, const Lead& b) {
    return a.priority != b.priority ? a.priority > b.priority : a.id > b.id;
}

std::optional<Lead> card_from_json(const json& j) {
    if (!j.is_object() || !j.contains("id") || !j["id"].is_number_integer()) return std::nullopt;
    Lead l;
    l.id = j["id"].get<std::int64_t>();
    l.version = j.value("version", std::int64_t{0});
    l.name = str(j, "name");
    l.partner_name = str(j, "partner_name");
    l.contact_name = str(j, "contact_name");
    if (j.contains("expected_revenue") && j["expected_revenue"].is_object()) {
        const auto& m = j["expected_revenue"];
        l.expected_revenue.amount = m.value("amount", std::int64_t{0});
        if (m.contains("currency") && m["currency"].is_string()) l.expected_revenue.currency = m["currency"];
    }
    if (j.contains("probability") && j["probability"].is_number()) l.probability = j["probability"].get<double>();
    if (j.contains("priority") && j["priority"].is_number_integer()) l.priority = j["priority"].get<int>();
    if (j.contains("tag_ids") && j["tag_ids"].is_array())
        for (const auto& t : j["tag_ids"])
            if (t.is_number_integer()) l.tag_ids.push_back(t.get<std::int64_t>());
    l.user_id = board_opt_id(j, "user_id");
    l.team_id = board_opt_id(j, "team_id");
    l.stage_id = board_opt_id(j, "stage_id");
    l.lost_reason_id = board_opt_id(j, "lost_reason_id");
    if (j.contains("active") && j["active"].is_boolean()) l.active = j["active"].get<bool>();
    l.type = str(j, "type") == "opportunity" ? LeadType::opportunity : LeadType::lead;
    l.create_date = time_of(j, "create_date").value_or(0);
    l.date_last_stage_update = time_of(j, "date_last_stage_update");
    if (j.contains("score") && j["score"].is_number_integer()) l.score = j["score"].get<std::int64_t>();
    if (j.contains("score_explanation")) l.score_explanation = scoring::reasons_from_json(j["score_explanation"]);
    return l;
}

BoardState::BoardState(AppState& app) : app_(app) {}

void BoardState::sync(const Route& route) {
    const auto& s = app_.session();
    if (!s) return;
    Key k{s->user.id, route.id, route.query};
    // The requests start_early() sent (user not known then) are this user's: same browser, same cookie.
    if (has_wanted_ && wanted_.user == 0 && k.team == wanted_.team && k.query == wanted_.query) {
        wanted_.user = k.user;
        return;
    }
    if (has_wanted_ && k == wanted_) return;
    if (!has_wanted_ || (k.user != wanted_.user && wanted_.user != 0)) {
        references_loaded_ = false;
        references_loading_ = false;
    }
    wanted_ = std::move(k);
    has_wanted_ = true;
    requested_team_ = route.id;
    query_ = parse_board_query(route.query);
    reload();
}

void BoardState::start_early(const Route& route) {
    wanted_ = {0, route.id, route.query};
    has_wanted_ = true;
    references_loaded_ = false;
    references_loading_ = false;
    requested_team_ = route.id;
    query_ = parse_board_query(route.query);
    reload();
}

void BoardState::reload() {
    ++generation_;
    status_ = BoardStatus::loading;
    creating_stage_ = 0;
    load_.reset();
    if (references_loaded_) {
        load_board();
        return;
    }
    load_references();
    // The columns need not wait for the teams list when the team is known (from the address, or the team #/pipeline
    // opened last time here): both go out now, and load_board() checks the guess when the teams arrive.
    std::int64_t guess = requested_team_;
    if (guess == 0) {
        const std::string last = app_.host().load_preference(board_team_key);
        guess = std::strtoll(last.c_str(), nullptr, 10);
    }
    if (guess > 0) request_columns(guess);
}

void BoardState::request(std::string_view endpoint, std::vector<std::string> ids, std::string query, std::string body,
                         std::function<void(const HttpResponse&)> on_ok,
                         std::function<void(const HttpResponse&)> on_fail, bool gated) {
    const auto& s = app_.session();
    HttpRequest r = api_request(endpoint, std::move(body), app_.language(), s ? s->csrf_token : std::string());
    r.path = api::expand(r.path, ids);
    if (!query.empty()) r.path += "?" + query;
    const bool early = has_wanted_ && wanted_.user == 0;  // sent by start_early(), before the session check answered
    app_.transport().send(std::move(r), [this, gated, early, gen = generation_, on_ok = std::move(on_ok),
                                         on_fail = std::move(on_fail)](const HttpResponse& reply) {
        if (reply.status == 401) {
            if (early) {
                // Not signed in: the session check says so (the login page). The early load is forgotten, so the
                // board loads afresh after signing in.
                if (wanted_.user == 0) has_wanted_ = false;
                references_loading_ = false;
                return;
            }
            app_.session_expired();
            return;
        }
        // A reply to an earlier board (another team or search) is of no use any more; its error still counts.
        if (gated && gen != generation_) {
            if (!reply.ok()) fail(reply);
            return;
        }
        if (reply.ok()) on_ok(reply);
        else {
            if (on_fail) on_fail(reply);
            fail(reply);
        }
    });
}

void BoardState::fail(const HttpResponse& reply) { app_.show_error(problem_message(reply)); }

void BoardState::load_countries() {
    if (countries_requested_) return;
    countries_requested_ = true;
    request("leads.groups", {}, std::string(countries_query), "", [this](const HttpResponse& reply) {
        countries_ = countries_from_groups(reply.body);
    }, [this](const HttpResponse&) { countries_requested_ = false; }, false);
}

void BoardState::load_references() {
    if (references_loading_) return;
    references_loading_ = true;
    // Teams decide which board opens; tags and names only decorate cards, so the board does not wait for them.
    request("teams.list", {}, "", "", [this](const HttpResponse& reply) {
        teams_.clear();
        for (const auto& t : board_items_of(reply))
            if (t.is_object() && t.contains("id") && t["id"].is_number_integer())
                teams_.push_back({t["id"].get<std::int64_t>(), str(t, "name")});
        references_loaded_ = true;
        references_loading_ = false;
        load_board();
    }, [this](const HttpResponse&) {
        references_loading_ = false;
        status_ = BoardStatus::failed;
    }, false);
    load_tags();
    request("users.directory", {}, "", "", [this](const HttpResponse& reply) {
        users_.clear();
        for (const auto& u : board_items_of(reply))
            if (u.is_object() && u.contains("id") && u["id"].is_number_integer())
                users_.push_back({u["id"].get<std::int64_t>(), str(u, "name")});
    }, nullptr, false);
}

void BoardState::load_tags() {
    request("tags.list", {}, "", "", [this](const HttpResponse& reply) {
        tags_.clear();
        for (const auto& t : board_items_of(reply)) {
            if (!t.is_object() || !t.contains("id") || !t["id"].is_number_integer()) continue;
            Tag tag;
            tag.id = t["id"].get<std::int64_t>();
            tag.name = str(t, "name");
            tag.color = t.value("color", 0);
            tags_.push_back(std::move(tag));
        }
    }, nullptr, false);
}

void BoardState::load_board() {
    std::int64_t team = 0;
    if (!teams_.empty()) {
        team = teams_.front().id;
        for (const auto& t : teams_)
            if (t.id == requested_team_) team = t.id;
        if (requested_team_ != 0 && team != requested_team_)
            app_.show_error(Message::from_key("board.team_missing", {{"id", std::to_string(requested_team_)}}));
    }
    if (requested_team_ == 0 && team > 0) app_.host().save_preference(board_team_key, std::to_string(team));
    team_id_ = team;
    // The columns asked for at the start are of this team: they count (their replies may be in already).
    if (load_ && load_->team == team) {
        load_->confirmed = true;
        build_columns();
        return;
    }
    ++generation_;
    status_ = BoardStatus::loading;
    request_columns(team);
    load_->confirmed = true;
}

void BoardState::request_columns(std::int64_t team) {
    // Stages and groups come in parallel; the columns are built when both are in (and the team is confirmed).
    auto load = std::make_shared<BoardLoad>();
    load->team = team;
    load_ = load;
    auto failed = [this](const HttpResponse&) { status_ = BoardStatus::failed; };
    request("stages.list", {}, team > 0 ? query_string({{"team_id", std::to_string(team)}}) : "", "",
            [this, load](const HttpResponse& reply) {
                std::vector<Stage> all;
                for (const auto& s : board_items_of(reply))
                    if (auto st = stage_from_json(s)) all.push_back(std::move(st.value()));
                load->stages = pipeline_stages(all, load->team > 0 ? std::optional<std::int64_t>(load->team) : std::nullopt);
                build_columns();
            }, failed);
    const std::string q = query_string({{"group_by", "stage"},
                                        {"filter", board_filter(query_, team)},
                                        {"q", query_.text},
                                        {"active", std::string(board_active(query_))},
                                        {"limit", std::to_string(page_size)},
                                        {"fields", card_fields}});
    request("leads.groups", {}, q, "", [this, load](const HttpResponse& reply) {
        auto j = json::parse(reply.body, nullptr, false);
        load->groups = j.is_object() && j.contains("groups") && j["groups"].is_array() ? j["groups"] : json::array();
        if (j.is_object() && j.contains("rates")) rates_ = rate_table_from_json(j["rates"]);
        build_columns();
    }, failed);
}

void BoardState::build_columns() {
    if (!load_ || !load_->confirmed || !load_->stages || !load_->groups) return;
    const std::shared_ptr<BoardLoad> done = std::move(load_);
    std::vector<BoardColumn> cols;
    for (auto& s : *done->stages) {
        BoardColumn c;
        c.stage = std::move(s);
        // Keep a column the user unfolded open across reloads.
        if (const BoardColumn* old = column(c.stage.id)) c.unfolded = old->unfolded;
        cols.push_back(std::move(c));
    }
    for (const auto& g : *done->groups) {
        if (!g.is_object() || !g.contains("key") || !g["key"].is_number_integer()) continue;
        const auto key = g["key"].get<std::int64_t>();
        auto it = std::find_if(cols.begin(), cols.end(), [&](const BoardColumn& c) { return c.stage.id == key; });
        if (it == cols.end()) continue;
        it->count = g.value("count", std::int64_t{0});
        it->sums = sums_from_json(g.value("sums", json::array()));
        if (g.contains("activity_bar")) it->activity_bar = activity_bar_from_json(g["activity_bar"]);
        if (g.contains("items") && g["items"].is_array())
            for (const auto& item : g["items"])
                if (auto card = card_from_json(item)) {
                    take_activity(item);
                    it->cards.push_back(std::move(*card));
                }
        if (g.contains("next") && g["next"].is_string()) it->next = g["next"].get<std::string>();
    }
    columns_ = std::move(cols);
    status_ = BoardStatus::ready;
}

std::string BoardState::list_filter(std::int64_t stage_id) const {
    return board_filter(query_, team_id_) + " and stage_id = " + std::to_string(stage_id);
}

void BoardState::load_more(std::int64_t stage_id) {
    BoardColumn* col = column_of(stage_id);
    if (!col || col->loading_more || !col->has_more()) return;
    col->loading_more = true;
    const std::string q = query_string({{"filter", list_filter(stage_id)},
                                        {"q", query_.text},
                                        {"active", std::string(board_active(query_))},
                                        {"sort", "priority desc"},
                                        {"limit", std::to_string(page_size)},
                                        {"after", col->next},
                                        {"fields", card_fields}});
    request("leads.list", {}, q, "", [this, stage_id](const HttpResponse& reply) {
        BoardColumn* c = column_of(stage_id);
        if (!c) return;
        c->loading_more = false;
        auto j = json::parse(reply.body, nullptr, false);
        if (!j.is_object()) return;
        if (j.contains("items") && j["items"].is_array())
            for (const auto& item : j["items"]) {
                auto card = card_from_json(item);
                take_activity(item);
                // A card moved here meanwhile may come again: keep one.
                if (card && !locate(card->id)) c->cards.push_back(std::move(*card));
            }
        c->next = j.contains("next") && j["next"].is_string() ? j["next"].get<std::string>() : std::string();
    }, [this, stage_id](const HttpResponse&) {
        if (BoardColumn* c = column_of(stage_id)) c->loading_more = false;
    });
}

void BoardState::add_to_sums(BoardColumn& col, const Lead& lead, int sign) {
    const auto& m = lead.expected_revenue;
    auto it = std::find_if(col.sums.begin(), col.sums.end(), [&](const MoneySum& s) { return s.currency == m.currency; });
    if (it == col.sums.end()) {
        if (sign < 0) return;
        col.sums.push_back({m.currency, 0, 0});
        it = col.sums.end() - 1;
    }
    it->expected += sign * m.amount;
    it->weighted += sign * weighted_amount(m.amount, lead.probability);
}

void BoardState::move_card(std::int64_t lead_id, std::int64_t to_stage_id) {
    auto where = locate(lead_id);
    BoardColumn* target = column_of(to_stage_id);
    if (!where || !target) return;
    BoardColumn& source = columns_[where->first];
    if (source.stage.id == to_stage_id) return;
    const std::int64_t from_stage = source.stage.id;
    const std::size_t from_index = where->second;
    // At once on screen: out of the source column, into the target.
    const Lead card = take_card(*where);
    Lead moved = card;
    moved.stage_id = to_stage_id;
    auto at = std::find_if(target->cards.begin(), target->cards.end(),
                           [&](const Lead& c) { return card_sorts_before(moved, c); });
    put_card(*target, at, std::move(moved));

    const json body = {{"stage_id", to_stage_id}, {"version", card.version}};
    request("leads.move", {std::to_string(lead_id)}, "", body.dump(),
        [this, lead_id, to_stage_id](const HttpResponse& reply) {
            auto updated = card_from_json(json::parse(reply.body, nullptr, false));
            auto at = locate(lead_id);
            BoardColumn* col = column_of(to_stage_id);
            if (!updated || !at || !col || columns_[at->first].stage.id != to_stage_id) return;
            // The stage's default probability may have changed the weighted sum.
            add_to_sums(*col, col->cards[at->second], -1);
            col->cards[at->second] = std::move(*updated);
            add_to_sums(*col, col->cards[at->second], +1);
        },
        [this, lead_id, card, from_stage, from_index, to_stage_id](const HttpResponse& reply) {
            // Back to where it was, as it was (or as the server says it is now, after a conflict).
            Lead back = card;
            auto err = json::parse(reply.body, nullptr, false);
            if (reply.status == 409 && err.is_object() && err.contains("error") && err["error"].contains("current"))
                if (auto cur = card_from_json(err["error"]["current"])) back = std::move(*cur);
            if (auto at = locate(lead_id)) {
                take_card(*at);
            } else if (BoardColumn* t = column_of(to_stage_id)) {
                --t->count;
                add_to_sums(*t, card, -1);
            }
            const std::int64_t home = back.stage_id.value_or(from_stage);
            BoardColumn* src = column_of(home);
            if (!src) return;
            const std::size_t idx = home == from_stage ? std::min(from_index, src->cards.size()) : 0;
            put_card(*src, src->cards.begin() + static_cast<std::ptrdiff_t>(idx), std::move(back));
        });
}

void BoardState::set_priority(std::int64_t lead_id, int priority) {
    auto where = locate(lead_id);
    if (!where || priority < 0 || priority > max_priority) return;
    Lead& card = columns_[where->first].cards[where->second];
    if (card.priority == priority) return;
    const int old = card.priority;
    card.priority = priority;
    const json body = {{"priority", priority}, {"version", card.version}};
    request("leads.update", {std::to_string(lead_id)}, "", body.dump(),
        [this, lead_id](const HttpResponse& reply) {
            auto updated = card_from_json(json::parse(reply.body, nullptr, false));
            if (auto at = locate(lead_id); at && updated) {
                Lead& c = columns_[at->first].cards[at->second];
                c.version = updated->version;
                c.priority = updated->priority;
            }
        },
        [this, lead_id, old](const HttpResponse& reply) {
            auto at = locate(lead_id);
            if (!at) return;
            Lead& c = columns_[at->first].cards[at->second];
            c.priority = old;
            auto err = json::parse(reply.body, nullptr, false);
            if (reply.status == 409 && err.is_object() && err.contains("error") && err["error"].contains("current"))
                if (auto cur = card_from_json(err["error"]["current"])) {
                    c.priority = cur->priority;
                    c.version = cur->version;
                }
        });
}

void BoardState::quick_create(std::int64_t stage_id, const std::string& name) {
    if (creating_stage_ != 0 || !column_of(stage_id)) return;
    json body = {{"name", name}, {"stage_id", stage_id}};
    if (team_id_ > 0) body["team_id"] = team_id_;
    creating_stage_ = stage_id;
    request("leads.create", {}, "", body.dump(),
        [this, stage_id](const HttpResponse& reply) {
            creating_stage_ = 0;
            auto card = card_from_json(json::parse(reply.body, nullptr, false));
            BoardColumn* col = column_of(card && card->stage_id ? *card->stage_id : stage_id);
            if (!card || !col) return;
            // Its live event may have come first and placed the card already: take that one out, not count it twice.
            if (auto where = locate(card->id)) take_card(*where);
            // On top, where the user is looking, until the next load sorts it in.
            put_card(*col, col->cards.begin(), std::move(*card));
        },
        [this](const HttpResponse&) { creating_stage_ = 0; });
}

void BoardState::toggle_fold(std::int64_t stage_id) {
    if (BoardColumn* c = column_of(stage_id)) {
        if (c->stage.fold) c->unfolded = !c->unfolded;
        else {
            // Folding an open stage is a stage setting (managers): save it, and fold at once.
            c->stage.fold = true;
            c->unfolded = false;
            const json body = {{"fold", true}, {"version", c->stage.version}};
            request("stages.update", {std::to_string(stage_id)}, "", body.dump(),
                [this, stage_id](const HttpResponse& reply) {
                    auto st = stage_from_json(json::parse(reply.body, nullptr, false));
                    if (BoardColumn* col = column_of(stage_id); col && st) col->stage = std::move(st.value());
                },
                [this, stage_id](const HttpResponse&) {
                    if (BoardColumn* col = column_of(stage_id)) col->stage.fold = false;
                });
        }
    }
}

void BoardState::add_stage(const std::string& name) {
    json body = {{"name", name}};
    if (team_id_ > 0) body["team_id"] = team_id_;
    std::int32_t seq = 1;
    for (const auto& c : columns_) seq = std::max(seq, c.stage.sequence + 1);
    body["sequence"] = seq;
    request("stages.create", {}, "", body.dump(), [this](const HttpResponse&) { reload(); });
}

void BoardState::rename_stage(std::int64_t stage_id, const std::string& name) {
    BoardColumn* c = column_of(stage_id);
    if (!c || name == c->stage.name) return;
    const std::string old = c->stage.name;
    c->stage.name = name;
    const json body = {{"name", name}, {"version", c->stage.version}};
    request("stages.update", {std::to_string(stage_id)}, "", body.dump(),
        [this, stage_id](const HttpResponse& reply) {
            auto st = stage_from_json(json::parse(reply.body, nullptr, false));
            if (BoardColumn* col = column_of(stage_id); col && st) col->stage = std::move(st.value());
        },
        [this, stage_id, old](const HttpResponse&) {
            if (BoardColumn* col = column_of(stage_id)) col->stage.name = old;
        });
}

void BoardState::delete_stage(std::int64_t stage_id) {
    if (!column_of(stage_id)) return;
    request("stages.delete", {std::to_string(stage_id)}, "", "", [this, stage_id](const HttpResponse&) {
        columns_.erase(std::remove_if(columns_.begin(), columns_.end(),
                                      [&](const BoardColumn& c) { return c.stage.id == stage_id; }),
                       columns_.end());
    });
}

void BoardState::reorder_stage(std::int64_t stage_id, std::size_t index) {
    auto it = std::find_if(columns_.begin(), columns_.end(), [&](const BoardColumn& c) { return c.stage.id == stage_id; });
    if (it == columns_.end()) return;
    const auto from = static_cast<std::size_t>(it - columns_.begin());
    index = std::min(index, columns_.size() - 1);
    if (from == index) return;
    std::vector<BoardColumn> before_move = columns_;
    BoardColumn moving = std::move(*it);
    columns_.erase(it);
    columns_.insert(columns_.begin() + static_cast<std::ptrdiff_t>(index), std::move(moving));
    json ids = json::array();
    for (const auto& c : columns_) ids.push_back(c.stage.id);
    request("stages.reorder", {}, "", json{{"ids", ids}}.dump(),
        [this](const HttpResponse& reply) {
            // New sequences (and versions) of every stage.
            for (const auto& s : board_items_of(reply))
                if (auto st = stage_from_json(s))
                    if (BoardColumn* c = column_of(st->id)) c->stage = std::move(st.value());
        },
        [this, before_move](const HttpResponse&) {
            // Back to the old order, keeping whatever the cards did meanwhile.
            std::vector<BoardColumn> restored;
            for (const auto& old : before_move)
                if (BoardColumn* c = column_of(old.stage.id)) restored.push_back(std::move(*c));
            columns_ = std::move(restored);
        });
}

Route BoardState::route_for(const BoardQuery& q) const {
    Route r = Route::pipeline();
    r.id = requested_team_;
    r.query = format_board_query(q);
    return r;
}

Route BoardState::route_for_team(std::int64_t team_id) const {
    Route r = Route::pipeline();
    r.id = team_id;
    r.query = format_board_query(query_);
    return r;
}

std::string BoardState::team_name() const {
    for (const auto& t : teams_)
        if (t.id == team_id_) return t.name;
    return {};
}

const Tag* BoardState::tag(std::int64_t id) const {
    for (const auto& t : tags_)
        if (t.id == id) return &t;
    return nullptr;
}

std::string BoardState::user_name(std::int64_t id) const {
    for (const auto& u : users_)
        if (u.id == id) return u.name;
    return {};
}

std::optional<std::pair<std::size_t, std::size_t>> BoardState::locate(std::int64_t lead_id) const {
    for (std::size_t c = 0; c < columns_.size(); ++c)
        for (std::size_t k = 0; k < columns_[c].cards.size(); ++k)
            if (columns_[c].cards[k].id == lead_id) return std::make_pair(c, k);
    return std::nullopt;
}

Lead BoardState::take_card(std::pair<std::size_t, std::size_t> where) {
    BoardColumn& col = columns_[where.first];
    auto it = col.cards.begin() + static_cast<std::ptrdiff_t>(where.second);
    Lead card = std::move(*it);
    col.cards.erase(it);
    --col.count;
    add_to_sums(col, card, -1);
    return card;
}

void BoardState::put_card(BoardColumn& col, std::vector<Lead>::iterator at, Lead card) {
    ++col.count;
    add_to_sums(col, card, +1);
    col.cards.insert(at, std::move(card));
}

const BoardColumn* BoardState::column(std::int64_t stage_id) const {
    for (const auto& c : columns_)
        if (c.stage.id == stage_id) return &c;
    return nullptr;
}

BoardColumn* BoardState::column_of(std::int64_t stage_id) {
    return const_cast<BoardColumn*>(std::as_const(*this).column(stage_id));
}

WonStatus BoardState::won_status(const Lead& lead) const {
    const BoardColumn* c = lead.stage_id ? column(*lead.stage_id) : nullptr;
    if (!lead.active && lead.probability == 0) return WonStatus::lost;
    if (c && c->stage.is_won && lead.active) return WonStatus::won;
    return WonStatus::pending;
}

bool BoardState::rotting(const Lead& lead, Timestamp now) const {
    const BoardColumn* c = lead.stage_id ? column(*lead.stage_id) : nullptr;
    return rotting_status(lead, c ? &c->stage : nullptr, now).rotting;
}

std::int64_t BoardState::total_count() const {
    std::int64_t n = 0;
    for (const auto& c : columns_) n += c.count;
    return n;
}

ColumnTotal sums_total(const std::vector<MoneySum>& sums, const RateTable& rates, const std::string& empty_currency) {
    ColumnTotal t;
    if (sums.empty()) {
        t.expected = t.weighted = Money{0, empty_currency};
        return t;
    }
    const MoneySum& largest = sums.front();
    t.expected = {largest.expected, largest.currency};
    t.weighted = {largest.weighted, largest.currency};
    if (sums.size() == 1) return t;
    std::vector<Money> expected, weighted;
    for (const auto& s : sums) {
        expected.push_back({s.expected, s.currency});
        weighted.push_back({s.weighted, s.currency});
    }
    const CompanyTotal e = company_total(expected, rates), w = company_total(weighted, rates);
    if (e.complete && w.complete) {
        t.expected = e.total;
        t.weighted = w.total;
        t.converted = true;
    } else {
        t.other_currencies = static_cast<int>(sums.size()) - 1;
    }
    return t;
}

ColumnTotal BoardState::total() const {
    std::vector<MoneySum> all;
    for (const auto& c : columns_)
        for (const auto& s : c.sums) {
            auto it = std::find_if(all.begin(), all.end(), [&](const MoneySum& m) { return m.currency == s.currency; });
            if (it == all.end()) it = all.insert(all.end(), {s.currency, 0, 0});
            it->expected += s.expected;
            it->weighted += s.weighted;
        }
    std::stable_sort(all.begin(), all.end(), [](const MoneySum& a, const MoneySum& b) { return a.expected > b.expected; });
    return sums_total(all, rates_, currency());
}

std::string BoardState::currency() const {
    const MoneySum* largest = nullptr;
    for (const auto& c : columns_)
        for (const auto& m : c.sums)
            if (!largest || m.expected > largest->expected) largest = &m;
    return largest ? largest->currency : std::string(default_currency);
}

void BoardState::take_activity(const json& item) {
    if (!item.is_object() || !item.contains("id") || !item["id"].is_number_integer()) return;
    if (!item.contains("next_activity") && !item.contains("no_next_step")) return;
    CardActivity a;
    if (item.contains("next_activity") && item["next_activity"].is_object()) {
        const json& n = item["next_activity"];
        a.state = str(n, "state");
        a.icon = str(n, "icon");
        a.summary = str(n, "summary");
        a.type_id = board_opt_id(n, "type_id");
    }
    a.no_next_step = item.contains("no_next_step") && item["no_next_step"].is_boolean() && item["no_next_step"].get<bool>();
    card_activity_[item["id"].get<std::int64_t>()] = std::move(a);
}

const CardActivity* BoardState::card_activity(std::int64_t lead_id) const {
    auto it = card_activity_.find(lead_id);
    return it == card_activity_.end() ? nullptr : &it->second;
}

}  // namespace tumen::client
