// Default reference data for a new database: pipeline stages, lost reasons, tags, UTM sources and mediums,
// contact categories. Teams and users are not created here (the demo data generator does that).
#pragma once
#include "store/sqlite.hpp"

namespace tumen::store {

// Runs once per database: the settings key "reference_data_seeded" records that it ran, so lists a user has
// emptied on purpose are not refilled on the next start. Even the first run leaves a list alone if it already
// has rows (a database restored or filled by an import). Call it inside a write transaction.
void seed_reference_data(Connection& c);

}  // namespace tumen::store
