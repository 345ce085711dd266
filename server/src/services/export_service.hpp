// Exports of a lead or contact search (the same filter, text, active and sort parameters as the lists, with
// the caller's record rules) page by page: CSV is streamed to the client while pages are read; XLSX is
// written to a temporary file first (a workbook is a ZIP and cannot be streamed), then sent and removed.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "caller.hpp"
#include "services/contact_service.hpp"
#include "services/lead_service.hpp"
#include "tumen/export_columns.hpp"

namespace tumen::server {

struct ExportRequest {
    import::Entity entity = import::Entity::lead;
    std::string filter, text, active = "true", sort, fields, header;
};

// The rows of one export, one page at a time; the first page is read when it is opened, so a bad filter or
// sort is an error before anything is sent.
class ExportSource {
public:
    virtual ~ExportSource() = default;
    const std::vector<exporting::ExportColumn>& columns() const { return columns_; }
    exporting::HeaderStyle header_style() const { return style_; }
    std::vector<std::string> header() const;
    // The next page (empty at the end).
    virtual Result<std::vector<std::vector<exporting::Cell>>> next_page() = 0;

protected:
    std::vector<exporting::ExportColumn> columns_;
    exporting::HeaderStyle style_ = exporting::HeaderStyle::field;
};

class ExportService {
public:
    ExportService(store::Database& db, LeadService& leads, ContactService& contacts, std::string data_dir);

    Result<std::shared_ptr<ExportSource>> open(const Caller& caller, const ExportRequest& request);
    // Writes every row of `source` to a new workbook file in the data dir's tmp folder; returns its path.
    Result<std::string> write_xlsx(ExportSource& source, const std::string& sheet_name);
    // "leads-20261127T133000Z.csv"
    static std::string file_name(import::Entity entity, const std::string& extension);

private:
    store::Database& db_;
    LeadService& leads_;
    ContactService& contacts_;
    std::string tmp_dir_;
};

}  // namespace tumen::server
