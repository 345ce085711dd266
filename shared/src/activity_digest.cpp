#include "tumen/activity_digest.hpp"

#include <algorithm>

namespace tumen {

namespace {

std::string item_line(i18n::Lang lang, DayNumber today, const DigestItem& it) {
    std::string what = it.type_name;
    if (!it.summary.empty()) what += what.empty() ? it.summary : ": " + it.summary;
    if (it.due == today) return i18n::tr(lang, "digest.line_today", {{"lead", it.lead_name}, {"what", what}});
    return i18n::tr(lang, "digest.line_overdue", {{"lead", it.lead_name}, {"what", what}, {"due", format_date(it.due)},
                                                  {"days", std::to_string(today - it.due)}});
}

}  // namespace

std::optional<DigestMail> activity_digest(i18n::Lang lang, DayNumber today, std::vector<DigestItem> items) {
    std::erase_if(items, [&](const DigestItem& it) { return it.due > today; });
    if (items.empty()) return std::nullopt;
    std::stable_sort(items.begin(), items.end(), [](const DigestItem& a, const DigestItem& b) { return a.due < b.due; });
    const auto overdue = std::count_if(items.begin(), items.end(), [&](const DigestItem& it) { return it.due < today; });
    const auto due_today = static_cast<std::int64_t>(items.size()) - overdue;

    DigestMail m;
    m.subject = i18n::tr(lang, "digest.subject", {{"date", format_date(today)}, {"overdue", std::to_string(overdue)},
                                                  {"today", std::to_string(due_today)}});
    if (overdue) {
        m.body_text += i18n::tr(lang, "digest.overdue_heading", {{"count", std::to_string(overdue)}}) + "\n";
        for (const auto& it : items)
            if (it.due < today) m.body_text += "  - " + item_line(lang, today, it) + "\n";
    }
    if (due_today) {
        if (!m.body_text.empty()) m.body_text += "\n";
        m.body_text += i18n::tr(lang, "digest.today_heading", {{"count", std::to_string(due_today)}}) + "\n";
        for (const auto& it : items)
            if (it.due == today) m.body_text += "  - " + item_line(lang, today, it) + "\n";
    }
    m.body_text += "\n" + std::string(i18n::tr(lang, "digest.footer"));
    return m;
}

}  // namespace tumen
