// The eval-scoring command: reads the file, hands it to the shared evaluation, prints one line per model.
#include "cli/eval_scoring.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "tumen/csv.hpp"
#include "tumen/scoring_evaluate.hpp"

namespace tumen::server {

namespace {

constexpr const char* eval_scoring_usage =
    "usage: tumen-server eval-scoring --csv FILE --label COLUMN --positive VALUE [--model nb|lr]\n"
    "  trains on rows with index % 10 < 7, prints ROC AUC and Brier score on the rest (both models by default)\n"
    "  tuning the logistic model: [--l2 X] [--crossed N] [--no-numeric]\n";

int print_usage() {
    std::fputs(eval_scoring_usage, stderr);
    return 2;
}

}  // namespace

int run_eval_scoring(const std::vector<std::string>& args) {
    std::string file, label, positive, model = "both";
    scoring::LogisticOptions options = scoring::default_logistic_options();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--no-numeric") { options.numeric_terms = false; continue; }
        if (i + 1 >= args.size()) return print_usage();
        const std::string& v = args[++i];
        if (a == "--csv") file = v;
        else if (a == "--label") label = v;
        else if (a == "--positive") positive = v;
        else if (a == "--model") model = v;
        else if (a == "--l2") options.l2 = std::atof(v.c_str());
        else if (a == "--crossed") options.crossed_fields = static_cast<std::size_t>(std::atoi(v.c_str()));
        else return print_usage();
    }
    if (file.empty() || label.empty() || positive.empty() || (model != "nb" && model != "lr" && model != "both"))
        return print_usage();

    std::ifstream in(file, std::ios::binary);
    if (!in) return std::fprintf(stderr, "tumen-server: cannot read %s\n", file.c_str()), 1;
    std::stringstream text;
    text << in.rdbuf();
    auto table = csv::parse(text.str());
    if (!table) return std::fprintf(stderr, "tumen-server: %s\n", table.error().message.c_str()), 1;
    auto data = scoring::dataset_from_csv(table.value(), label, positive);
    if (!data) return std::fprintf(stderr, "tumen-server: %s\n", data.error().message.c_str()), 1;

    std::printf("data: %s, %zu rows, %zu fields, won = %s == \"%s\"\n", file.c_str(), data->rows.size(),
                data->fields.size(), label.c_str(), positive.c_str());
    for (auto kind : {scoring::ModelKind::naive_bayes, scoring::ModelKind::logistic}) {
        const bool nb = kind == scoring::ModelKind::naive_bayes;
        if (model != "both" && model != (nb ? "nb" : "lr")) continue;
        auto ev = scoring::evaluate(data.value(), kind, options);
        if (!ev) return std::fprintf(stderr, "tumen-server: %s\n", ev.error().message.c_str()), 1;
        std::printf("model %s: ROC AUC %.4f, Brier %.4f (train %zu rows / %zu won, test %zu rows / %zu won, %zu %s)\n",
                    nb ? "nb" : "lr", ev->auc, ev->brier, ev->train_rows, ev->train_won, ev->test_rows, ev->test_won,
                    ev->features, nb ? "frequency rows" : "weights");
    }
    return 0;
}

}  // namespace tumen::server
