#include "tumen/mail_routing.hpp"

#include <algorithm>

#include "tumen/mail_message_id.hpp"
#include "tumen/text_fold.hpp"

namespace tumen::mail {
namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
    return out;
}

bool is_null_sender(std::string_view return_path) {
    const auto t = text::trim(return_path);
    return t == "<>" || t == "< >";
}

}  // namespace

std::string_view to_string(RouteKind k) {
    switch (k) {
        case RouteKind::append: return "append";
        case RouteKind::create: return "create";
        case RouteKind::bounce: return "bounce";
        case RouteKind::reject: return "reject";
    }
    return "reject";
}

AddressParts split_address(std::string_view email) {
    const auto t = text::trim(email);
    const auto at = t.rfind('@');
    if (at == std::string_view::npos) return {lower_ascii(t), {}};
    return {lower_ascii(t.substr(0, at)), lower_ascii(t.substr(at + 1))};
}

std::vector<std::string> thread_candidates(const InboundHeaders& h) {
    std::vector<std::string> out = split_message_ids(h.in_reply_to);
    auto refs = split_message_ids(h.references);
    for (auto it = refs.rbegin(); it != refs.rend(); ++it)
        if (std::find(out.begin(), out.end(), *it) == out.end()) out.push_back(*it);
    return out;
}

bool is_bounce(const InboundHeaders& h) {
    const bool report = h.content_type == "multipart/report";
    if (report && h.report_type == "delivery-status") return true;
    const auto sender = split_address(h.from_email).local;
    const bool daemon_sender = sender == "mailer-daemon" || sender == "postmaster";
    return report && (is_null_sender(h.return_path) || daemon_sender);
}

RouteDecision route_inbound(const InboundHeaders& h, const RoutingContext& ctx) {
    RouteDecision d;
    if (is_bounce(h)) {
        d.kind = RouteKind::bounce;
        d.reason = "delivery status notification";
        return d;
    }
    if (h.has_loop_header && (ctx.loop_value.empty() || lower_ascii(text::trim(h.loop)) == lower_ascii(ctx.loop_value))) {
        d.reason = "loop: our own X-Tumen-Loop header came back";
        return d;
    }
    const auto auto_submitted = lower_ascii(text::trim(h.auto_submitted.substr(0, h.auto_submitted.find(';'))));
    if (!auto_submitted.empty() && auto_submitted != "no") {
        d.reason = "loop: Auto-Submitted: " + auto_submitted;
        return d;
    }
    if (ctx.loop_threshold > 0 && ctx.recent_from_sender >= ctx.loop_threshold) {
        d.reason = "loop: " + std::to_string(ctx.recent_from_sender) + " messages from " + h.from_email +
                   " within the loop window";
        return d;
    }
    for (const auto& id : thread_candidates(h)) {
        const auto hit = std::find_if(ctx.known.begin(), ctx.known.end(),
                                      [&](const KnownMessage& k) { return k.message_id == id; });
        if (hit == ctx.known.end()) continue;
        d.kind = RouteKind::append;
        d.res_model = hit->res_model;
        d.res_id = hit->res_id;
        d.matched = id;
        return d;
    }
    const auto domain = lower_ascii(ctx.alias_domain);
    for (const auto& r : h.recipients) {
        const auto parts = split_address(r);
        if (parts.local.empty() || (!domain.empty() && parts.domain != domain)) continue;
        const auto alias = std::find_if(ctx.aliases.begin(), ctx.aliases.end(),
                                        [&](const TeamAlias& a) { return lower_ascii(a.alias) == parts.local; });
        if (alias == ctx.aliases.end()) continue;
        d.kind = RouteKind::create;
        d.team_id = alias->team_id;
        d.matched = r;
        return d;
    }
    d.reason = "no route: not a reply to a known message and no team alias among the recipients";
    return d;
}

}  // namespace tumen::mail
