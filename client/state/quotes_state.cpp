#include "quotes_state.hpp"

#include "app_state.hpp"

namespace tumen::client {

namespace {

std::string path_of(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/quotations/" + std::to_string(id) + tail;
}

}  // namespace

// Basis points as the percent a person types: 500 -> "5", 1250 -> "12.5", 0 -> "".
std::string bp_percent_text(std::int32_t bp) {
    if (bp == 0) return {};
    std::string s = format_amount(bp, 2, {.group = ""});
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// "5" / "12,5" -> basis points 0..10000; "" -> 0.
std::optional<std::int32_t> parse_bp_percent(const std::string& text) {
    if (text.find_first_not_of(" ") == std::string::npos) return 0;
    auto v = parse_amount(text, 2);
    if (!v || v.value() < 0 || v.value() > bp_scale) return std::nullopt;
    return static_cast<std::int32_t>(v.value());
}

std::string QuoteFilter::query() const {
    std::string q;
    auto add = [&q](const char* key, const std::string& v) {
        if (!v.empty()) q += (q.empty() ? "" : "&") + std::string(key) + "=" + percent_encode(v);
    };
    add("state", state);
    add("invoice_status", invoice_status);
    add("lead_id", lead_id > 0 ? std::to_string(lead_id) : std::string());
    return q;
}

QuoteFilter QuoteFilter::from_query(std::string_view query) {
    QuoteFilter f;
    f.state = query_value(query, "state");
    f.invoice_status = query_value(query, "invoice_status");
    const std::string lead = query_value(query, "lead_id");
    if (!lead.empty() && lead.size() < 19 && lead.find_first_not_of("0123456789") == std::string::npos)
        f.lead_id = std::stoll(lead);
    return f;
}

Route quotations_route(const QuoteFilter& f) {
    Route r = Route::quotations();
    r.query = f.query();
    return r;
}

LineText line_text(const QuotationLine& l, int minor_digits) {
    LineText t;
    t.product_id = l.product_id;
    t.description = l.description;
    t.quantity = format_quantity(l.quantity);
    t.price = format_amount(l.price_unit, minor_digits, {.group = ""});
    t.discount = bp_percent_text(l.discount_bp);
    t.tax = bp_percent_text(l.tax_bp);
    t.tax_included = l.tax_included;
    return t;
}

std::string amount_label(std::int64_t minor, const std::string& currency, i18n::Lang lang) {
    return format_amount(minor, currency_minor_digits(currency).value_or(2), amount_format(lang)) + " " +
           std::string(currency_symbol(currency));
}

void QuotesState::reset() {
    io_.reset();
    lead_ = {};
    list_.clear();
    id_ = 0;
    loaded_ = false;
    current_ = {};
    lines_.clear();
    saved_lines_.clear();
    busy_ = false;
    errors_.clear();
    banner_ = notice_ = {};
    products_.clear();
    chatter_.clear();
    chatter_for_id_ = 0;
    chatter_for_version_ = -1;
    chatter_loading_ = people_requested_ = false;
    people_.clear();
}

void QuotesState::failed(const HttpResponse& reply) {
    busy_ = false;
    errors_ = field_messages(reply);
    if (auto now = stale_current(reply)) {
        take(*now);
        banner_ = Message::from_key("quote.stale");
        return;
    }
    banner_ = problem_message(reply);
}

void QuotesState::on_route(const Route& route) {
    if (route.view == View::quotations) load_list(QuoteFilter::from_query(route.query));
    if (route.view == View::quotation) open(route.id);
}

// ---- the lead form's block

void QuotesState::load_for_lead(std::int64_t lead_id) {
    if (lead_.lead_id != lead_id) {
        lead_ = LeadQuotations{};
        lead_.lead_id = lead_id;
    }
    io_.send("GET", "/api/v1/leads/" + std::to_string(lead_id) + "/quotations", nullptr,
             [this, lead_id](const HttpResponse& reply) {
                 if (lead_.lead_id != lead_id) return;
                 const auto j = reply_json(reply);
                 if (!reply.ok() || !j.is_object()) return failed(reply);
                 LeadQuotations l;
                 l.lead_id = lead_id;
                 l.loaded = true;
                 l.quotation_count = j.value("quotation_count", 0);
                 l.order_count = j.value("order_count", 0);
                 for (const auto& m : j.value("quotation_amounts", nlohmann::json::array()))
                     l.quotation_amounts.push_back({m.value("amount", std::int64_t{0}), m.value("currency", "MNT")});
                 for (const auto& m : j.value("order_amounts", nlohmann::json::array()))
                     l.order_amounts.push_back({m.value("amount", std::int64_t{0}), m.value("currency", "MNT")});
                 for (const auto& item : j.value("items", nlohmann::json::array()))
                     if (auto q = quotation_from_json(item)) l.items.push_back(std::move(q.value()));
                 lead_ = std::move(l);
             });
}

void QuotesState::create_for_lead(std::int64_t lead_id) {
    if (busy_) return;
    busy_ = true;
    banner_ = {};
    io_.send("POST", "/api/v1/quotations", {{"lead_id", lead_id}}, [this](const HttpResponse& reply) {
        busy_ = false;
        const auto j = reply_json(reply);
        if (reply.status != 201 || !j.is_object()) return failed(reply);
        take(j);
        app_.navigate(Route::quotation(current_.id));
    });
}

// ---- the list

void QuotesState::load_list(const QuoteFilter& filter) {
    filter_ = filter;
    const std::string q = filter.query();
    const std::string path = "/api/v1/quotations" + (q.empty() ? std::string() : "?" + q);
    io_.send("GET", path, nullptr, [this, filter](const HttpResponse& reply) {
        if (filter != filter_) return;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) return failed(reply);
        list_.clear();
        for (const auto& item : j.value("items", nlohmann::json::array()))
            if (auto q = quotation_from_json(item)) list_.push_back(std::move(q.value()));
    });
}

// ---- the editor

int QuotesState::digits() const { return currency_minor_digits(current_.currency).value_or(2); }

void QuotesState::take(const nlohmann::json& j) {
    auto q = quotation_from_json(j);
    if (!q) {
        banner_ = Message::from_key("quote.bad_reply");
        return;
    }
    current_ = std::move(q.value());
    id_ = current_.id;
    loaded_ = true;
    lines_.clear();
    for (const auto& l : current_.lines) lines_.push_back(line_text(l, digits()));
    saved_lines_ = lines_;
    payment_terms_ = current_.payment_terms;
    notes_ = current_.notes;
    validity_ = current_.validity_date ? format_date(*current_.validity_date) : "";
}

void QuotesState::open(std::int64_t id) {
    if (id == id_ && loaded_) return;
    id_ = id;
    loaded_ = false;
    errors_.clear();
    banner_ = notice_ = {};
    io_.send("GET", path_of(id), nullptr, [this, id](const HttpResponse& reply) {
        if (id != id_) return;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) return failed(reply);
        take(j);
    });
}

void QuotesState::add_line() { lines_.push_back(LineText{}); }

void QuotesState::remove_line(std::size_t i) {
    if (i < lines_.size()) lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(i));
}

void QuotesState::add_product(const Product& p) {
    auto l = line_from_product(p);
    lines_.push_back(line_text(l, digits()));
}

Result<std::vector<QuotationLine>> QuotesState::parsed_lines() const {
    FieldErrors fe;
    std::vector<QuotationLine> out;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
        const auto& t = lines_[i];
        const std::string at = "lines[" + std::to_string(i) + "].";
        QuotationLine l;
        l.product_id = t.product_id;
        l.description = t.description;
        if (t.description.find_first_not_of(" ") == std::string::npos) fe.add(at + "description", "is required", "error.required");
        auto qty = parse_quantity(t.quantity);
        if (!qty) fe.add(at + "quantity", "is not a quantity", "error.quantity");
        else l.quantity = qty.value();
        auto price = parse_amount(t.price.empty() ? "0" : t.price, digits());
        if (!price) fe.add(at + "price_unit", "is not an amount", "error.amount");
        else l.price_unit = price.value();
        auto disc = parse_bp_percent(t.discount);
        if (!disc) fe.add(at + "discount_bp", "must be 0 to 100", "error.range");
        else l.discount_bp = *disc;
        auto tax = parse_bp_percent(t.tax);
        if (!tax) fe.add(at + "tax_bp", "must be 0 to 100", "error.range");
        else l.tax_bp = *tax;
        l.tax_included = t.tax_included;
        out.push_back(std::move(l));
    }
    if (!fe.empty()) return fe.to_error();
    return out;
}

std::optional<Amounts> QuotesState::totals() const {
    auto lines = parsed_lines();
    if (!lines) return std::nullopt;
    auto t = quotation_totals(lines.value());
    if (!t) return std::nullopt;
    return t.value();
}

bool QuotesState::dirty() const {
    if (!loaded_) return false;
    const std::string v = current_.validity_date ? format_date(*current_.validity_date) : "";
    return lines_ != saved_lines_ || payment_terms_ != current_.payment_terms || notes_ != current_.notes || validity_ != v;
}

void QuotesState::after_save(std::function<void()> then) {
    if (!dirty()) return then();
    auto lines = parsed_lines();
    if (!lines) {
        errors_.clear();  // keyed by the full name ("lines[1].quantity"): the editor marks that one cell
        for (const auto& d : lines.error().details) errors_.emplace(d.field, Message::from_text(d.message, d.field));
        banner_ = Message::from_key("quote.fix_lines");
        return;
    }
    nlohmann::json body = {{"version", current_.version}, {"payment_terms", payment_terms_}, {"notes", notes_}};
    body["validity_date"] = validity_.empty() ? nlohmann::json() : nlohmann::json(validity_);
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& l : lines.value()) {
        nlohmann::json lj = l;
        lj.erase("amounts");
        lj.erase("id");
        arr.push_back(std::move(lj));
    }
    body["lines"] = std::move(arr);
    busy_ = true;
    errors_.clear();
    banner_ = {};
    io_.send("PATCH", path_of(current_.id), body, [this, then = std::move(then)](const HttpResponse& reply) {
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) return failed(reply);
        busy_ = false;
        take(j);
        then();
    });
}

void QuotesState::save() {
    after_save([this] { notice_ = Message::from_key("quote.saved"); });
}

void QuotesState::action(const std::string& name, nlohmann::json extra) {
    if (busy_ || !loaded_) return;
    after_save([this, name, extra]() mutable {
        extra["version"] = current_.version;
        busy_ = true;
        io_.send("POST", path_of(current_.id, "/" + name), extra, [this, name](const HttpResponse& reply) {
            const auto j = reply_json(reply);
            if (!reply.ok() || !j.is_object()) return failed(reply);
            busy_ = false;
            take(j);
            notice_ = Message::from_key("quote.done_" + name);
            if (name == "revise") app_.navigate(Route::quotation(current_.id));
        });
    });
}

void QuotesState::confirm() { action("confirm"); }
void QuotesState::send() { action("send"); }
void QuotesState::cancel() { action("cancel"); }
void QuotesState::revise() { action("revise"); }

void QuotesState::preview() {
    if (!loaded_) return;
    after_save([this] { app_.host().open_url(path_of(current_.id, "/pdf")); });
}

void QuotesState::set_invoicing(const std::string& status) {
    if (!loaded_ || current_.state != QuotationState::sale || status == to_string(current_.invoice_status)) return;
    action("invoicing", {{"invoice_status", status}});
}

// ---- the chatter

namespace {

constexpr int chatter_page = 50;

// Appends a page of messages (newest first); returns how many items the page held.
int take_chatter_page(const nlohmann::json& j, std::vector<ChatterMessage>& out) {
    int n = 0;
    for (const auto& m : j.value("items", nlohmann::json::array())) {
        ++n;
        if (auto msg = chatter_message_from_json(m)) out.push_back(std::move(msg.value()));
    }
    return n;
}

}  // namespace

void QuotesState::ensure_chatter() {
    if (!loaded_ || chatter_loading_) return;
    if (!people_requested_) {
        people_requested_ = true;
        io_.send("GET", "/api/v1/users/directory", nullptr, [this](const HttpResponse& reply) {
            const auto j = reply_json(reply);
            if (!reply.ok() || !j.is_object()) return;  // names fall back to "#id"; not worth a banner
            people_.clear();
            for (const auto& u : j.value("items", nlohmann::json::array()))
                if (u.is_object()) people_.emplace_back(u.value("id", std::int64_t{0}), u.value("name", std::string()));
        });
    }
    if (chatter_for_id_ == current_.id && chatter_for_version_ == current_.version) return;
    if (chatter_for_id_ != current_.id) chatter_.clear();
    chatter_for_id_ = current_.id;
    chatter_for_version_ = current_.version;
    chatter_loading_ = true;
    const std::int64_t id = current_.id;
    io_.send("GET", path_of(id, "/messages?limit=" + std::to_string(chatter_page)), nullptr, [this, id](const HttpResponse& reply) {
        if (id != chatter_for_id_) return;
        chatter_loading_ = false;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) return;  // the editor works without its chatter
        chatter_.clear();
        chatter_more_ = take_chatter_page(j, chatter_) == chatter_page;
    });
}

void QuotesState::load_more_chatter() {
    if (!loaded_ || chatter_loading_ || !chatter_more_ || chatter_.empty()) return;
    chatter_loading_ = true;
    const std::int64_t id = current_.id;
    io_.send("GET", path_of(id, "/messages?limit=" + std::to_string(chatter_page) + "&before_id=" + std::to_string(chatter_.back().id)),
             nullptr, [this, id](const HttpResponse& reply) {
                 if (id != chatter_for_id_) return;
                 chatter_loading_ = false;
                 const auto j = reply_json(reply);
                 if (!reply.ok() || !j.is_object()) {
                     banner_ = problem_message(reply);
                     return;
                 }
                 chatter_more_ = take_chatter_page(j, chatter_) == chatter_page;
             });
}

std::string QuotesState::author_of(const ChatterMessage& m) const {
    if (m.author_id) {
        const auto& s = app_.session();
        if (s && s->user.id == *m.author_id) return s->user.name;
        for (const auto& [id, name] : people_)
            if (id == *m.author_id) return name;
        return "#" + std::to_string(*m.author_id);
    }
    return m.author_name.empty() ? app_.tr("lead.chatter.system") : m.author_name;
}

// ---- live updates

void QuotesState::apply_live(std::int64_t id, std::optional<std::int64_t> version) {
    if (loaded_ && id == id_ && !busy_ && (!version || *version > current_.version)) {
        if (dirty()) {
            banner_ = Message::from_key("quote.changed_elsewhere");
        } else {
            io_.send("GET", path_of(id), nullptr, [this, id](const HttpResponse& reply) {
                if (id != id_ || busy_) return;
                const auto j = reply_json(reply);
                if (!reply.ok() || !j.is_object()) return;
                if (dirty()) {  // typed while the reply was on its way: keep the edits
                    banner_ = Message::from_key("quote.changed_elsewhere");
                    return;
                }
                take(j);
                notice_ = Message::from_key("quote.reloaded");
            });
        }
    }
    if (app_.route().view == View::quotations) load_list(filter_);
    if (app_.route().view == View::lead && lead_.loaded) load_for_lead(lead_.lead_id);
}

void QuotesState::search_products() {
    const std::string q = product_query_;
    io_.send("GET", "/api/v1/products?limit=20&q=" + percent_encode(q), nullptr, [this, q](const HttpResponse& reply) {
        if (q != product_query_) return;
        const auto j = reply_json(reply);
        if (!reply.ok() || !j.is_object()) return failed(reply);
        products_.clear();
        for (const auto& item : j.value("items", nlohmann::json::array()))
            if (auto p = product_from_json(item)) products_.push_back(std::move(p.value()));
    });
}

}  // namespace tumen::client
