// Builds the error for a response a plugin requested with MCTL_HTTP_RAW_ERRORS.
#pragma once

#include "plugin_json.h"

#include <matrixctl/sdk.hpp>

#include <string>

namespace matrixctl::plugin {

// Synapse's error body {"errcode": "M_NOT_FOUND", "error": "User not found"}.
struct ErrorBody {
  std::string errcode;  // empty when the body has none
  std::string error;    // empty when the body has none
};

// Reads the error body of `response`. A body that is not a JSON object
// (e.g. an HTML page from a reverse proxy) gives two empty fields.
inline ErrorBody parse_error_body(const sdk::HttpResponse& response) {
  rapidjson::Document document;
  document.Parse(response.body.data(), response.body.size());
  ErrorBody parsed;
  if (document.HasParseError() || !document.IsObject()) return parsed;
  parsed.errcode = string_member(document, "errcode").value_or("");
  parsed.error = string_member(document, "error").value_or("");
  return parsed;
}

// Describes a 4xx/5xx response as "HTTP 404 M_NOT_FOUND: User not found".
inline std::string describe_status(const sdk::HttpResponse& response) {
  const ErrorBody body = parse_error_body(response);
  std::string detail = "HTTP " + std::to_string(response.status);
  if (!body.errcode.empty()) detail += " " + body.errcode;
  if (!body.error.empty()) detail += ": " + body.error;
  return detail;
}

// Builds the error to throw for an unexpected error response. `subject`
// names what the request was about, e.g. the MXID.
inline sdk::Error http_error(const sdk::HttpResponse& response, const std::string& subject) {
  const std::string detail = describe_status(response);
  if (response.status == 401) {
    return sdk::Error(MCTL_ERR_AUTH, subject,
                      "the homeserver rejected the access token (" + detail + ")",
                      "check the access token configured for this server");
  }
  if (response.status == 403) {
    return sdk::Error(MCTL_ERR_AUTH, subject, "access denied (" + detail + ")",
                      "the access token must belong to a server admin");
  }
  // Synapse routes unknown paths to 404 M_UNRECOGNIZED, which here means the
  // admin API is not reachable under this base URL.
  if (response.status == 404 && parse_error_body(response).errcode != "M_NOT_FOUND") {
    return sdk::Error(MCTL_ERR_SERVER, subject, "the homeserver returned " + detail,
                      "check api.base_url, and that a reverse proxy forwards /_synapse/admin");
  }
  return sdk::Error(MCTL_ERR_SERVER, subject, "the homeserver returned " + detail);
}

}  // namespace matrixctl::plugin
