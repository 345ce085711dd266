// /api/v1/jobs: the job runner's jobs, their recent runs with logs, interval and pause, run now.
#include "app.hpp"
#include "jobs/job_runner.hpp"

namespace tumen::server {

void register_job_routes(Router& r, App& app) {
    JobRunner& jobs = app.jobs();
    r.on("jobs.list", [&jobs](Context&) -> Result<Reply> { return Reply::json(jobs.list_json()); });
    r.on("jobs.get", [&jobs](Context& ctx) -> Result<Reply> {
        auto j = jobs.get_json(ctx.id_param());
        if (!j) return j.error();
        return Reply::json(std::move(j.value()));
    });
    r.on("jobs.update", [&jobs](Context& ctx) -> Result<Reply> {
        auto body = ctx.json_body();
        if (!body) return body.error();
        auto j = jobs.patch(ctx.id_param(), body.value());
        if (!j) return j.error();
        return Reply::json(std::move(j.value()));
    });
    r.on("jobs.run", [&jobs](Context& ctx) -> Result<Reply> {
        auto j = jobs.run_now(ctx.id_param());
        if (!j) return j.error();
        return Reply::json(std::move(j.value()), 202);
    });
}

}  // namespace tumen::server
