// /api/v1/leads: search, board groups, CRUD, lifecycle actions, chatter.
#include <algorithm>

#include "app.hpp"
#include "tumen/error_text.hpp"
#include "services/lead_bulk_service.hpp"
#include "services/lead_conversion_service.hpp"
#include "services/lead_service.hpp"
#include "services/reference_service.hpp"

namespace tumen::server {

namespace {

Result<int> int_param(const Context& ctx, const std::string& name, int fallback, int lo, int hi) {
    std::string v = ctx.query(name);
    if (v.empty()) return fallback;
    try {
        size_t used = 0;
        long n = std::stol(v, &used);
        if (used == v.size() && n >= lo && n <= hi) return static_cast<int>(n);
    } catch (...) {
    }
    return Error::make(ErrorCode::bad_request,
                       name + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi), name);
}

Result<store::LeadQuery> query_of(const Context& ctx, int default_limit) {
    store::LeadQuery q;
    q.filter = ctx.query("filter");
    q.text = ctx.query("q");
    q.active = ctx.query("active", "true");
    q.sort = ctx.query("sort", "id desc");
    q.after = ctx.query("after");
    auto limit = int_param(ctx, "limit", default_limit, 0, 500);
    if (!limit) return limit.error();
    q.limit = limit.value();
    return q;
}

// ?fields=name,stage_id keeps only those keys (plus id and version, which every client needs).
nlohmann::json project(const Lead& lead, const std::vector<std::string>& fields) {
    nlohmann::json j = lead;
    if (fields.empty()) return j;
    nlohmann::json out = {{"id", j["id"]}, {"version", j["version"]}};
    for (const auto& f : fields)
        if (j.contains(f)) out[f] = j[f];
    return out;
}

// Board cards and list rows: the lead's next activity and "no next step" (activities, issue 6), unless ?fields
// leaves both out.
void add_activity_summary(nlohmann::json& item, const std::map<int64_t, nlohmann::json>& summaries,
                          const std::vector<std::string>& fields) {
    const bool wanted = fields.empty() || std::find(fields.begin(), fields.end(), "next_activity") != fields.end() ||
                        std::find(fields.begin(), fields.end(), "no_next_step") != fields.end();
    const auto it = summaries.find(item["id"].get<int64_t>());
    if (!wanted || it == summaries.end()) return;
    item["next_activity"] = it->second["next_activity"];
    item["no_next_step"] = it->second["no_next_step"];
}

std::vector<std::string> split_fields(const std::string& s) {
    std::vector<std::string> out;
    size_t pos = 0;
    while (pos < s.size()) {
        size_t comma = s.find(',', pos);
        if (comma == std::string::npos) comma = s.size();
        if (comma > pos) out.push_back(s.substr(pos, comma - pos));
        pos = comma + 1;
    }
    return out;
}

Result<Reply> lead_reply(Result<Lead> r) {
    if (!r) return r.error();
    return Reply::json(r.value());
}

}  // namespace

void register_lead_routes(Router& r, App& app) {
    LeadService& leads = app.leads();
    ActivityService& acts = app.activities();
    ReferenceService& refs = app.reference();

    r.on("leads.list", [&leads, &acts](Context& ctx) -> Result<Reply> {
        auto q = query_of(ctx, 50);
        if (!q) return q.error();
        if (q->limit == 0) return Error::make(ErrorCode::bad_request, "limit must be 1..500", "limit");
        auto page = leads.search(*ctx.caller, q.value(), ctx.query("total") == "true");
        if (!page) return page.error();
        auto fields = split_fields(ctx.query("fields"));
        nlohmann::json items = nlohmann::json::array();
        const auto summaries = acts.lead_summaries(*ctx.caller, page->leads);
        for (const auto& l : page->leads) {
            items.push_back(project(l, fields));
            add_activity_summary(items.back(), summaries, fields);
        }
        nlohmann::json body = {{"items", items}, {"next", page->next.empty() ? nlohmann::json() : nlohmann::json(page->next)}};
        if (page->total >= 0) body["total"] = page->total;
        return Reply::json(body);
    });

    r.on("leads.groups", [&leads, &acts, &refs](Context& ctx) -> Result<Reply> {
        auto q = query_of(ctx, 40);
        if (!q) return q.error();
        const std::string group_by = ctx.query("group_by", "stage");
        auto groups = leads.groups(*ctx.caller, q.value(), group_by, q->limit);
        if (!groups) return groups.error();
        auto fields = split_fields(ctx.query("fields"));
        // The columns' activity bars (issue 6); a query the bars cannot answer leaves them out.
        auto bars = acts.column_bars(*ctx.caller, q.value(), group_by);
        nlohmann::json out = nlohmann::json::array();
        for (const auto& g : groups.value()) {
            nlohmann::json sums = nlohmann::json::array();
            for (const auto& [currency, s] : g.sums)
                sums.push_back({{"currency", currency}, {"expected_revenue", s.first}, {"weighted_revenue", s.second}});
            nlohmann::json items = nlohmann::json::array();
            const auto summaries = acts.lead_summaries(*ctx.caller, g.leads);
            for (const auto& l : g.leads) {
                items.push_back(project(l, fields));
                add_activity_summary(items.back(), summaries, fields);
            }
            out.push_back({{"key", g.key}, {"count", g.count}, {"sums", sums}, {"items", items},
                           {"next", g.next.empty() ? nlohmann::json() : nlohmann::json(g.next)}});
            if (bars)
                if (auto b = bars->find(g.key.dump()); b != bars->end()) out.back()["activity_bar"] = b->second;
        }
        // The rates let the board show a column's sums over several currencies as one figure (and keep it right
        // when a card moves), without a request of its own at start-up.
        return Reply::json({{"group_by", group_by}, {"groups", out}, {"rates", refs.rate_table()}});
    });

    r.on("leads.analysis", [&leads](Context& ctx) -> Result<Reply> {
        auto q = query_of(ctx, 50);
        if (!q) return q.error();
        auto answer = leads.analyse(*ctx.caller, q.value(), ctx.query("group_by", "stage"), ctx.query("group_by2"));
        if (!answer) return answer.error();
        return Reply::json(answer.value());
    });

    r.on("leads.stage_flow", [&leads](Context& ctx) -> Result<Reply> {
        auto q = query_of(ctx, 50);
        if (!q) return q.error();
        auto flow = leads.stage_flow(*ctx.caller, q.value());
        if (!flow) return flow.error();
        return Reply::json(analysis::to_json(flow.value()));
    });

    r.on("leads.create", [&leads](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto lead = leads.create(*ctx.caller, body.value());
        if (!lead) return lead.error();
        Reply reply = Reply::json(lead.value(), 201);
        reply.headers.push_back({"Location", api::expand("/api/v1/leads/{id}", {std::to_string(lead->id)})});
        return reply;
    });

    r.on("leads.get", [&leads](Context& ctx) { return lead_reply(leads.get(*ctx.caller, ctx.id_param())); });

    auto with_body = [](auto action) {
        return [action](Context& ctx) -> Result<Reply> {
            auto body = ctx.json_body();
            if (!body) return body.error();
            return lead_reply(action(*ctx.caller, ctx.id_param(), body.value()));
        };
    };
    r.on("leads.update", with_body([&leads](const Caller& c, int64_t id, const nlohmann::json& b) { return leads.edit(c, id, b); }));
    r.on("leads.move", with_body([&leads](const Caller& c, int64_t id, const nlohmann::json& b) { return leads.move(c, id, b); }));
    r.on("leads.won", with_body([&leads](const Caller& c, int64_t id, const nlohmann::json& b) { return leads.won(c, id, b); }));
    r.on("leads.lost", with_body([&leads](const Caller& c, int64_t id, const nlohmann::json& b) { return leads.lost(c, id, b); }));
    r.on("leads.restore", with_body([&leads](const Caller& c, int64_t id, const nlohmann::json& b) { return leads.restore(c, id, b); }));
    r.on("leads.archive", with_body([&leads](const Caller& c, int64_t id, const nlohmann::json& b) { return leads.archive(c, id, b); }));

    r.on("leads.delete", [&leads](Context& ctx) -> Result<Reply> {
        auto done = leads.remove(*ctx.caller, ctx.id_param());
        if (!done) return done.error();
        return Reply::no_content();
    });

    r.on("leads.messages", [&leads](Context& ctx) -> Result<Reply> {
        auto limit = int_param(ctx, "limit", 50, 1, 200);
        if (!limit) return limit.error();
        int64_t before = 0;
        if (auto b = int_param(ctx, "before_id", 0, 0, 2147483647); b) before = b.value();
        else return b.error();
        auto list = leads.messages(*ctx.caller, ctx.id_param(), limit.value(), before);
        if (!list) return list.error();
        nlohmann::json items = nlohmann::json::array();
        for (const auto& m : list.value()) items.push_back(m);
        return Reply::json({{"items", items}});
    });

    r.on("leads.note", [&leads](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto m = leads.post_note(*ctx.caller, ctx.id_param(), body.value());
        if (!m) return m.error();
        return Reply::json(m.value(), 201);
    });

    LeadConversionService& conversions = app.lead_conversions();
    r.on("leads.duplicates", [&conversions](Context& ctx) -> Result<Reply> {
        auto items = conversions.duplicates(*ctx.caller, ctx.id_param());
        if (!items) return items.error();
        return Reply::json(items.value());
    });
    r.on("leads.convert_proposal", [&conversions](Context& ctx) -> Result<Reply> {
        auto proposal = conversions.proposal(*ctx.caller, ctx.id_param());
        if (!proposal) return proposal.error();
        return Reply::json(proposal.value());
    });
    r.on("leads.convert", with_body([&conversions](const Caller& c, int64_t id, const nlohmann::json& b) {
        return conversions.convert(c, id, b);
    }));
    r.on("leads.merge", [&conversions](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        return lead_reply(conversions.merge(*ctx.caller, body.value()));
    });

    LeadBulkService& bulk = app.lead_bulk();
    r.on("leads.bulk", [&bulk](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        std::vector<BulkFailure> failures;
        auto done = bulk.run(*ctx.caller, body.value(), failures);
        if (done) return Reply::json({{"updated", done->ids.size()}, {"ids", done->ids}});
        if (failures.empty()) return done.error();
        // The contract's shape for leads that cannot take the action: details.ids lists them, details.errors
        // says why for each.
        Error refused = done.error();
        localize(refused, request_lang(ctx.req));
        nlohmann::json reply = refused.to_json();
        nlohmann::json ids = nlohmann::json::array(), errors = nlohmann::json::array();
        for (const auto& f : failures) {
            ids.push_back(f.id);
            errors.push_back({{"id", f.id}, {"message", f.error.message},
                              {"field", f.error.field.empty() ? nlohmann::json() : nlohmann::json(f.error.field)}});
        }
        reply["error"]["details"] = {{"ids", ids}, {"errors", errors}};
        return Reply::json(reply, 422);
    });
}

}  // namespace tumen::server
