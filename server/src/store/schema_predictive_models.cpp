// Migration: predictive_models (issue 7). The administrator's choice of model and what the rebuild job learns
// besides the frequency rows.
//   pls_settings.model  "nb" (Odoo's naive Bayes, the default) or "lr" (our logistic regression): which one sets
//                       open leads' automatic probability.
//   pls_models          the logistic regression's weights (JSON) as the last rebuild trained them on every closed
//                       lead; lead writes score with them until the next rebuild.
//   pls_quality         both models measured by the last rebuild on a holdout of the closed leads (id % 10 >= 7,
//                       trained on the rest): ROC AUC and Brier score per model, overall (team_id 0) and per team.
#include "store/migration_list.hpp"

namespace tumen::store::migration {

extern const std::string_view predictive_models = R"SQL(
ALTER TABLE pls_settings ADD COLUMN model TEXT NOT NULL DEFAULT 'nb' CHECK (model IN ('nb','lr'));
CREATE TABLE pls_models (
  kind        TEXT PRIMARY KEY CHECK (kind IN ('lr')),
  body        TEXT NOT NULL,
  closed      INTEGER NOT NULL,  -- closed leads it learned from
  trained_at  INTEGER NOT NULL,
  stamp       INTEGER NOT NULL   -- random, new with every training: the lead writes' cache key
);
CREATE TABLE pls_quality (
  model         TEXT NOT NULL CHECK (model IN ('nb','lr')),
  team_id       INTEGER NOT NULL,
  cases         REAL NOT NULL,   -- holdout leads x stages they reached
  won           REAL NOT NULL,
  auc           REAL,
  brier         REAL,
  evaluated_at  INTEGER NOT NULL,
  PRIMARY KEY (model, team_id)
) WITHOUT ROWID;
)SQL";

}  // namespace tumen::store::migration
