#include "store/stages.hpp"

namespace tumen::store {

namespace {
constexpr const char* stages_columns =
    "id, name, team_id, sequence, fold, is_won, requirements, default_probability, rotting_days, wip_limit, version";

Stage stages_read(Statement& s) {
    Stage st;
    st.id = s.get_int(0);
    st.name = s.get_text(1);
    st.team_id = s.get_opt_int(2);
    st.sequence = static_cast<int32_t>(s.get_int(3));
    st.fold = s.get_int(4) != 0;
    st.is_won = s.get_int(5) != 0;
    st.requirements = s.get_text(6);
    if (!s.is_null(7)) st.default_probability = s.get_double(7);
    st.rotting_days = static_cast<int32_t>(s.get_int(8));
    st.wip_limit = static_cast<int32_t>(s.get_int(9));
    st.version = s.get_int(10);
    return st;
}

void bind(Statement& s, const Stage& st) {
    s.bind(1, st.name).bind(2, st.team_id).bind(3, st.sequence).bind(4, st.fold).bind(5, st.is_won);
    s.bind(6, st.requirements).bind(7, st.default_probability).bind(8, st.rotting_days).bind(9, st.wip_limit);
}
}  // namespace

std::vector<Stage> load_stages(Connection& c) {
    auto s = c.prepare(std::string("SELECT ") + stages_columns + " FROM stages ORDER BY sequence, id");
    std::vector<Stage> out;
    while (s.step()) out.push_back(stages_read(s));
    return out;
}

std::optional<Stage> find_stage(Connection& c, int64_t id) {
    auto s = c.prepare(std::string("SELECT ") + stages_columns + " FROM stages WHERE id = ?");
    s.bind(1, id);
    if (!s.step()) return std::nullopt;
    return stages_read(s);
}

void insert_stage(Connection& c, Stage& st) {
    auto s = c.prepare(
        "INSERT INTO stages(name, team_id, sequence, fold, is_won, requirements, default_probability, rotting_days,"
        " wip_limit, version) VALUES (?,?,?,?,?,?,?,?,?,1)");
    bind(s, st);
    s.run();
    st.id = c.last_insert_id();
    st.version = 1;
}

bool update_stage(Connection& c, Stage& st) {
    auto s = c.prepare(
        "UPDATE stages SET name=?, team_id=?, sequence=?, fold=?, is_won=?, requirements=?, default_probability=?,"
        " rotting_days=?, wip_limit=?, version = version + 1 WHERE id = ? AND version = ?");
    bind(s, st);
    s.bind(10, st.id).bind(11, st.version);
    s.run();
    if (c.changes() == 0) return false;
    ++st.version;
    return true;
}

int64_t count_leads_in_stage(Connection& c, int64_t stage_id) {
    return c.prepare("SELECT count(*) FROM leads WHERE stage_id = ?").bind(1, stage_id).scalar_int();
}

int32_t next_stage_sequence(Connection& c, std::optional<int64_t> team_id) {
    return static_cast<int32_t>(c.prepare("SELECT coalesce(max(sequence), 0) + 1 FROM stages"
                                          " WHERE ?1 IS NULL OR team_id IS NULL OR team_id = ?1")
                                    .bind(1, team_id)
                                    .scalar_int());
}

void delete_stage(Connection& c, int64_t id) { c.prepare("DELETE FROM stages WHERE id = ?").bind(1, id).run(); }

}  // namespace tumen::store
