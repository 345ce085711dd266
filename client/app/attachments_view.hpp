// A record's files as a block of its form (lead chatter column, contact chatter): "Attach file", each file's name
// (a click downloads it), size and date, and Remove with a confirmation in the row.
#pragma once
#include <string>

#include "state/app_state.hpp"
#include "ui.hpp"

namespace tumen::app {

// `id`: the widget id prefix ("lead", "contact"): <id>.attachments.attach, <id>.attachment.<n>[.delete|.confirm|.cancel].
void attachments_block(client::AppState& app, Ui& ui, const std::string& id, client::AttachmentShelf& shelf, float width);

// "12 KB" / "3.4 MB" in the UI language.
std::string file_size_text(client::AppState& app, std::size_t bytes);

}  // namespace tumen::app
