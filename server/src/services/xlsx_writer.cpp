#include "services/xlsx_writer.hpp"

#include <xlsxwriter.h>

#include "tumen/datetime.hpp"
#include "tumen/utf8.hpp"

namespace tumen::server {

namespace {

constexpr std::size_t excel_max_chars = 32767;  // per cell

lxw_datetime datetime_of(Timestamp t) {
    const DayNumber day = day_of(t);
    const CivilDate d = civil_from_days(day);
    const Timestamp in_day = t - start_of_day(day);
    return lxw_datetime{d.year, d.month, d.day, static_cast<int>(in_day / 3600), static_cast<int>(in_day / 60 % 60),
                        static_cast<double>(in_day % 60)};
}

}  // namespace

XlsxWriter::XlsxWriter(const std::string& path, const std::string& sheet_name, const std::string& tmp_dir)
    : tmp_dir_(tmp_dir) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.tmpdir = tmp_dir_.empty() ? nullptr : tmp_dir_.data();
    options.use_zip64 = LXW_FALSE;  // a full sheet stays far below 4 GiB; ZIP64 upsets older readers
    book_ = workbook_new_opt(path.c_str(), &options);
    if (!book_) return;
    sheet_ = workbook_add_worksheet(book_, sheet_name.c_str());
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    date_ = workbook_add_format(book_);
    format_set_num_format(date_, "yyyy-mm-dd");
    datetime_ = workbook_add_format(book_);
    format_set_num_format(datetime_, "yyyy-mm-dd hh:mm:ss");
}

XlsxWriter::~XlsxWriter() {
    if (book_) workbook_close(book_);
}

lxw_format* XlsxWriter::money_format(int digits) {
    auto it = money_.find(digits);
    if (it != money_.end()) return it->second;
    lxw_format* f = workbook_add_format(book_);
    const std::string pattern = digits > 0 ? "#,##0." + std::string(static_cast<std::size_t>(digits), '0') : "#,##0";
    format_set_num_format(f, pattern.c_str());
    money_.emplace(digits, f);
    return f;
}

void XlsxWriter::header(const std::vector<std::string>& names) {
    if (!sheet_) return;
    columns_ = names.size();
    for (std::size_t c = 0; c < names.size(); ++c) {
        worksheet_write_string(sheet_, 0, static_cast<lxw_col_t>(c), names[c].c_str(), bold_);
        worksheet_set_column(sheet_, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), 18, nullptr);
    }
    worksheet_freeze_panes(sheet_, 1, 0);
    next_row_ = 1;
}

bool XlsxWriter::row(const std::vector<exporting::Cell>& cells) {
    using Kind = exporting::Cell::Kind;
    if (!sheet_ || next_row_ >= max_rows) return false;
    const auto r = static_cast<lxw_row_t>(next_row_++);
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto& cell = cells[i];
        const auto c = static_cast<lxw_col_t>(i);
        switch (cell.kind) {
            case Kind::empty: break;
            case Kind::text: {
                const std::string text(utf8::truncate(cell.text, excel_max_chars));
                worksheet_write_string(sheet_, r, c, text.c_str(), nullptr);
                break;
            }
            case Kind::integer: worksheet_write_number(sheet_, r, c, static_cast<double>(cell.integer), nullptr); break;
            case Kind::decimal: worksheet_write_number(sheet_, r, c, cell.decimal, nullptr); break;
            case Kind::money: {
                double scale = 1;
                for (int d = 0; d < cell.minor_digits; ++d) scale *= 10;
                worksheet_write_number(sheet_, r, c, static_cast<double>(cell.integer) / scale, money_format(cell.minor_digits));
                break;
            }
            case Kind::date: {
                lxw_datetime d = datetime_of(start_of_day(static_cast<DayNumber>(cell.integer)));
                if (d.year >= 1900) worksheet_write_datetime(sheet_, r, c, &d, date_);
                break;
            }
            case Kind::datetime: {
                lxw_datetime d = datetime_of(cell.integer);
                if (d.year >= 1900) worksheet_write_datetime(sheet_, r, c, &d, datetime_);
                break;
            }
            case Kind::boolean: worksheet_write_boolean(sheet_, r, c, cell.integer ? 1 : 0, nullptr); break;
        }
    }
    return true;
}

std::optional<Error> XlsxWriter::close() {
    if (!book_) return Error::make(ErrorCode::internal, "cannot create the Excel file");
    if (next_row_ > 1 && columns_ > 0)
        worksheet_autofilter(sheet_, 0, 0, static_cast<lxw_row_t>(next_row_ - 1), static_cast<lxw_col_t>(columns_ - 1));
    const lxw_error e = workbook_close(book_);
    book_ = nullptr;
    if (e != LXW_NO_ERROR) return Error::make(ErrorCode::internal, std::string("cannot write the Excel file: ") + lxw_strerror(e));
    return std::nullopt;
}

}  // namespace tumen::server
