#include "services/export_service.hpp"

#include <filesystem>
#include <random>

#include "services/auth_service.hpp"
#include "services/xlsx_writer.hpp"
#include "store/io_lookups.hpp"

namespace tumen::server {

namespace fs = std::filesystem;

namespace {

constexpr int page_rows = 500;

class LeadSource : public ExportSource {
public:
    LeadSource(LeadService& leads, store::Database& db, const Caller& caller, store::LeadQuery q)
        : leads_(leads), caller_(caller), q_(std::move(q)) {
        auto& c = db.reader();
        lookups_.stages = store::names_by_id(c, store::NameTable::stages);
        lookups_.teams = store::names_by_id(c, store::NameTable::teams);
        lookups_.users = store::names_by_id(c, store::NameTable::users);
        lookups_.tags = store::names_by_id(c, store::NameTable::tags);
        lookups_.lost_reasons = store::names_by_id(c, store::NameTable::lost_reasons);
    }
    void set_columns(std::vector<exporting::ExportColumn> c, exporting::HeaderStyle s) {
        columns_ = std::move(c);
        style_ = s;
    }
    Result<std::vector<std::vector<exporting::Cell>>> next_page() override {
        std::vector<std::vector<exporting::Cell>> rows;
        if (done_) return rows;
        auto page = leads_.search(caller_, q_, false);
        if (!page) return page.error();
        for (const auto& lead : page->leads) {
            std::vector<exporting::Cell> row;
            row.reserve(columns_.size());
            for (const auto& col : columns_) row.push_back(exporting::lead_cell(lead, col.name, lookups_));
            rows.push_back(std::move(row));
        }
        q_.after = page->next;
        done_ = page->next.empty();
        return rows;
    }

private:
    LeadService& leads_;
    Caller caller_;
    store::LeadQuery q_;
    exporting::Lookups lookups_;
    bool done_ = false;
};

class ContactSource : public ExportSource {
public:
    ContactSource(ContactService& contacts, store::Database& db, const Caller& caller, store::ContactQuery q)
        : contacts_(contacts), db_(db), caller_(caller), q_(std::move(q)) {
        auto& c = db.reader();
        lookups_.users = store::names_by_id(c, store::NameTable::users);
        lookups_.categories = store::names_by_id(c, store::NameTable::contact_categories);
    }
    void set_columns(std::vector<exporting::ExportColumn> c, exporting::HeaderStyle s) {
        columns_ = std::move(c);
        style_ = s;
    }
    Result<std::vector<std::vector<exporting::Cell>>> next_page() override {
        std::vector<std::vector<exporting::Cell>> rows;
        if (done_) return rows;
        auto page = contacts_.search(caller_, q_, false);
        if (!page) return page.error();
        std::vector<int64_t> parents;
        for (const auto& x : page->contacts)
            if (x.parent_id) parents.push_back(*x.parent_id);
        lookups_.contacts = store::contact_names(db_.reader(), parents);
        for (const auto& x : page->contacts) {
            std::vector<exporting::Cell> row;
            row.reserve(columns_.size());
            for (const auto& col : columns_) row.push_back(exporting::contact_cell(x, col.name, lookups_));
            rows.push_back(std::move(row));
        }
        q_.after = page->next;
        done_ = page->next.empty();
        return rows;
    }

private:
    ContactService& contacts_;
    store::Database& db_;
    Caller caller_;
    store::ContactQuery q_;
    exporting::Lookups lookups_;
    bool done_ = false;
};

// Serves the first page (read by open() to check the query) before reading on.
class Prefetched : public ExportSource {
public:
    Prefetched(std::unique_ptr<ExportSource> inner, std::vector<std::vector<exporting::Cell>> first)
        : inner_(std::move(inner)), first_(std::move(first)) {
        columns_ = inner_->columns();
        style_ = inner_->header_style();
    }
    Result<std::vector<std::vector<exporting::Cell>>> next_page() override {
        if (!served_) {
            served_ = true;
            return std::move(first_);
        }
        return inner_->next_page();
    }

private:
    std::unique_ptr<ExportSource> inner_;
    std::vector<std::vector<exporting::Cell>> first_;
    bool served_ = false;
};

}  // namespace

std::vector<std::string> ExportSource::header() const {
    std::vector<std::string> out;
    for (const auto& c : columns_) out.push_back(exporting::header_of(c, style_));
    return out;
}

ExportService::ExportService(store::Database& db, LeadService& leads, ContactService& contacts, std::string data_dir)
    : db_(db), leads_(leads), contacts_(contacts), tmp_dir_((fs::path(data_dir) / "tmp").string()) {}

Result<std::shared_ptr<ExportSource>> ExportService::open(const Caller& caller, const ExportRequest& r) {
    auto columns = exporting::pick_columns(r.entity, r.fields);
    if (!columns) return columns.error();
    auto style = exporting::parse_header_style(r.header);
    if (!style) return Error::make(ErrorCode::bad_request, "header must be field, en or mn", "header");

    std::unique_ptr<ExportSource> source;
    if (r.entity == import::Entity::lead) {
        store::LeadQuery q;
        q.filter = r.filter;
        q.text = r.text;
        q.active = r.active;
        if (!r.sort.empty()) q.sort = r.sort;
        q.limit = page_rows;
        auto s = std::make_unique<LeadSource>(leads_, db_, caller, q);
        s->set_columns(std::move(columns.value()), *style);
        source = std::move(s);
    } else {
        store::ContactQuery q;
        q.filter = r.filter;
        q.text = r.text;
        q.active = r.active;
        if (!r.sort.empty()) q.sort = r.sort;
        q.limit = page_rows;
        auto s = std::make_unique<ContactSource>(contacts_, db_, caller, q);
        s->set_columns(std::move(columns.value()), *style);
        source = std::move(s);
    }
    auto first = source->next_page();
    if (!first) return first.error();
    return std::shared_ptr<ExportSource>(std::make_shared<Prefetched>(std::move(source), std::move(first.value())));
}

Result<std::string> ExportService::write_xlsx(ExportSource& source, const std::string& sheet_name) {
    std::error_code ec;
    fs::create_directories(tmp_dir_, ec);
    std::random_device rd;
    const std::string path = (fs::path(tmp_dir_) / ("export-" + std::to_string(rd()) + std::to_string(rd()) + ".xlsx")).string();
    XlsxWriter book(path, sheet_name, tmp_dir_);
    if (!book.ok()) return Error::make(ErrorCode::internal, "cannot create " + path);
    book.header(source.header());
    for (;;) {
        auto page = source.next_page();
        if (!page) {
            book.close();
            fs::remove(path, ec);
            return page.error();
        }
        if (page->empty()) break;
        for (const auto& row : page.value())
            if (!book.row(row)) {
                book.close();
                fs::remove(path, ec);
                return Error::make(ErrorCode::bad_request,
                                   "More rows than an Excel sheet holds (1,048,575); narrow the filter or export CSV");
            }
    }
    if (auto e = book.close()) {
        fs::remove(path, ec);
        return *e;
    }
    return path;
}

std::string ExportService::file_name(import::Entity entity, const std::string& extension) {
    std::string stamp;
    for (char c : format_timestamp(unix_now()))
        if (c != '-' && c != ':') stamp += c;
    return std::string(entity == import::Entity::lead ? "leads-" : "contacts-") + stamp + "." + extension;
}

}  // namespace tumen::server
