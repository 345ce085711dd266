// One shape for every error the API returns: {"error":{"code":...,"message":...,"field":...,"details":[...]}}.
// Domain functions return these (never throw across the library boundary for expected failures);
// the server maps `code` to an HTTP status, the client shows `message` and highlights `field`.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tumen/i18n.hpp"

namespace tumen {

enum class ErrorCode {
    bad_request,       // 400: malformed JSON, bad filter syntax, bad query parameter
    unauthorized,      // 401: no or expired session
    forbidden,         // 403: authenticated but not allowed, or CSRF token missing
    not_found,         // 404
    method_not_allowed,// 405
    conflict,          // 409: stale version, duplicate key
    payload_too_large, // 413
    validation,        // 422: one or more fields invalid (see details)
    too_many_requests, // 429
    internal,          // 500
    unavailable,       // 503
};

const char* to_string(ErrorCode code);
int http_status(ErrorCode code);

struct FieldError {
    std::string field;    // e.g. "expected_revenue" or "lines[2].quantity"
    std::string message;  // English text; `key` is the i18n key for the client
    std::string key;      // e.g. "error.required"
    i18n::Args args{};    // the {arguments} of the key's wording ("api." + key in the catalogs), if it has any
};

struct Error {
    ErrorCode code = ErrorCode::internal;
    std::string message;
    std::string field;               // the first (or only) field concerned, empty if none
    std::vector<FieldError> details; // every invalid field, for 422
    std::optional<size_t> position;  // byte offset, for syntax errors (JSON, filter)
    nlohmann::json current;          // for 409: the record as it is now (null otherwise)

    static Error make(ErrorCode code, std::string message, std::string field = {});
    nlohmann::json to_json() const;
    static std::optional<Error> from_json(const nlohmann::json& body);
};

// A value or an Error. Small on purpose: domain functions return it, callers check ok().
template <class T>
class Result {
public:
    Result(T value) : value_(std::move(value)) {}
    Result(Error error) : error_(std::move(error)) {}
    bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return *value_; }
    T& value() & { return *value_; }
    T&& value() && { return std::move(*value_); }
    const T* operator->() const { return &*value_; }
    T* operator->() { return &*value_; }
    const Error& error() const { return *error_; }

private:
    std::optional<T> value_;
    std::optional<Error> error_;
};

// Success without a value, or an Error (job handlers, checks): `return {};` is success.
template <>
class Result<void> {
public:
    Result() = default;
    Result(Error error) : error_(std::move(error)) {}
    bool ok() const { return !error_.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *error_; }

private:
    std::optional<Error> error_;
};

// Collects field errors during validation; becomes a 422 Error when any was added.
class FieldErrors {
public:
    void add(std::string field, std::string message, std::string key = "error.invalid", i18n::Args args = {});
    bool empty() const { return list_.empty(); }
    const std::vector<FieldError>& list() const { return list_; }
    Error to_error() const;  // precondition: !empty()

private:
    std::vector<FieldError> list_;
};

}  // namespace tumen
