// `tumen-server eval-scoring --csv FILE --label COLUMN --positive VALUE [--model nb|lr]` (issue 7): trains the
// predictive models on a CSV of past outcomes with the project's protocol and prints ROC AUC and Brier score.
#pragma once
#include <string>
#include <vector>

namespace tumen::server {

// `args` are the words after the command. Returns the process exit code (0 ok, 1 data error, 2 usage).
int run_eval_scoring(const std::vector<std::string>& args);

}  // namespace tumen::server
