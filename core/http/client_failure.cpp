// One-line failures for error responses and for requests that got no
// response at all.
#include "client.h"

#include "ids.h"
#include "url_text.h"

#include <rapidjson/document.h>

#include <cctype>
#include <optional>

namespace matrixctl::http {
namespace {

constexpr std::size_t kExcerptChars = 100;

struct MatrixError {
  std::string errcode;
  std::string error;
};

std::optional<MatrixError> parse_matrix_error(const std::string& body) {
  rapidjson::Document json;
  json.Parse(body.c_str(), body.size());
  if (json.HasParseError() || !json.IsObject()) return std::nullopt;
  const auto errcode = json.FindMember("errcode");
  if (errcode == json.MemberEnd() || !errcode->value.IsString()) return std::nullopt;
  MatrixError result;
  result.errcode = errcode->value.GetString();
  const auto error = json.FindMember("error");
  if (error != json.MemberEnd() && error->value.IsString()) result.error = error->value.GetString();
  return result;
}

bool is_json(const std::string& body) {
  rapidjson::Document json;
  json.Parse(body.c_str(), body.size());
  return !json.HasParseError();
}

// Cuts `text` to at most `max_bytes` without splitting a UTF-8 sequence.
std::string cut_utf8(const std::string& text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

// The visible text of a body: tags removed, whitespace collapsed, cut short.
std::string excerpt(const std::string& body) {
  std::string text;
  bool in_tag = false;
  bool pending_space = false;
  for (const char ch : body) {
    if (in_tag) {
      if (ch == '>') {
        in_tag = false;
        pending_space = true;
      }
      continue;
    }
    if (ch == '<') {
      in_tag = true;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(ch)) != 0 ||
        std::iscntrl(static_cast<unsigned char>(ch)) != 0) {
      pending_space = true;
      continue;
    }
    if (pending_space && !text.empty()) text += ' ';
    pending_space = false;
    text += ch;
    if (text.size() > kExcerptChars + 8) break;
  }
  return cut_utf8(text, kExcerptChars);
}

std::string status_and_code(long status, const MatrixError& error) {
  std::string text = std::to_string(status) + " " + error.errcode;
  if (!error.error.empty()) text += ": " + error.error;
  return text;
}

bool mentions_admin(const std::string& text) {
  std::string lower;
  for (const char ch : text) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return lower.find("admin") != std::string::npos;
}

}  // namespace

Failure Client::describe_failure(const ApiRequest& request, const Response& response) const {
  Failure failure;
  failure.status = MCTL_ERR_SERVER;
  failure.subject = request.method + " " + without_query(request.path);
  const std::string token_source = tokens_ != nullptr ? tokens_->describe() : "the access token";

  const auto matrix_error = parse_matrix_error(response.body);
  if (!matrix_error) {
    const std::string type =
        response.content_type.empty() ? std::string("no content type") : response.content_type;
    if (response.status == 401 || response.status == 403) {
      failure.status = MCTL_ERR_AUTH;
      failure.reason = "HTTP " + std::to_string(response.status) + " without a Matrix error (" +
                       type + ")";
      failure.hint = "check " + token_source + " and that api.base_url points at Synapse";
    } else if (response.status >= 300 && response.status < 400) {
      failure.reason = "HTTP " + std::to_string(response.status) +
                       " redirect, which matrixctl does not follow";
      failure.hint = "set api.base_url to the URL the homeserver redirects to (often https://)";
    } else if (response.body.empty()) {
      failure.reason = "HTTP " + std::to_string(response.status) + " with an empty body";
      failure.hint = "the response came from something in front of Synapse, such as a reverse "
                     "proxy, or Synapse failed, so check that both are up";
    } else if (is_json(response.body)) {
      failure.reason = "HTTP " + std::to_string(response.status) +
                       " without a Matrix error code: " + excerpt(response.body);
    } else {
      failure.reason = "HTTP " + std::to_string(response.status) + " with a non-JSON body (" +
                       type + "): " + excerpt(response.body);
      failure.hint = "the response came from something in front of Synapse, such as a reverse "
                     "proxy, so check that it is up and forwards to Synapse";
    }
    return failure;
  }

  const std::string quoted = status_and_code(response.status, *matrix_error);
  const std::string& code = matrix_error->errcode;
  if (response.status == 401 && (code == "M_MISSING_TOKEN" || code == "M_UNKNOWN_TOKEN")) {
    failure.status = MCTL_ERR_AUTH;
    failure.reason = "the homeserver rejected the access token (" + quoted + ")";
    failure.hint = "get a new access token for " + token_source +
                   ", because this one has expired, was logged out or is for another homeserver";
  } else if (response.status == 401) {
    failure.status = MCTL_ERR_AUTH;
    failure.reason = "the homeserver did not accept the access token (" + quoted + ")";
    if (response.www_authenticate.find("insufficient_scope") != std::string::npos) {
      failure.hint = "get a token with the urn:synapse:admin:* scope for " + token_source;
    } else {
      failure.hint = "check " + token_source + " or get a new access token";
    }
  } else if (response.status == 403 && code == "M_FORBIDDEN" &&
             (matrix_error->error.empty() || mentions_admin(matrix_error->error))) {
    // Other 403 M_FORBIDDEN answers (a module forbidding a room shutdown,
    // for example) are not about the token, so they fall through.
    failure.status = MCTL_ERR_AUTH;
    failure.reason = "the access token is valid, but its user is not a server admin (" + quoted + ")";
    failure.hint = "use the access token of a server admin account in " + token_source +
                   " (with MAS: a token with the urn:synapse:admin:* scope)";
    if (tokens_ != nullptr) {
      if (auto specific = tokens_->forbidden_hint(); !specific.empty()) failure.hint = specific;
    }
  } else if (response.status == 404 && code == "M_UNRECOGNIZED") {
    failure.reason = "the homeserver does not know this endpoint (" + quoted + ")";
    failure.hint = "check that api.base_url points at Synapse and that the reverse proxy "
                   "forwards /_synapse/admin to it (with MAS, some admin endpoints are disabled)";
  } else if (response.status == 429) {
    const unsigned times = request.retry_rate_limited ? options_.max_rate_limit_retries + 1 : 1;
    failure.reason = "the homeserver rate limited the request " + std::to_string(times) +
                     (times == 1 ? " time (" : " times in a row (") + quoted + ")";
    failure.hint = "retry later, or lift the rate limit of the admin user with Synapse's "
                   "override_ratelimit admin API";
  } else {
    failure.reason = quoted;
  }
  return failure;
}

Error Client::network_error(const ApiRequest& request, const Response& response) const {
  const std::string url =
      without_query(request.absolute_url ? request.path : join_url(options_.base_url, request.path));
  const std::string subject = request.method + " " + url;
  const std::string server = "server \"" + options_.server_name + "\"";

  if (response.timed_out) {
    const long timeout = request.timeout_ms > 0 ? request.timeout_ms : options_.default_timeout_ms;
    std::string hint = request.absolute_url
                           ? std::string("check that this server is up and reachable from here")
                           : "check that the homeserver at api.base_url of " + server +
                                 " is up and reachable from here";
    hint += ", and retry later if it is busy";
    return Error(MCTL_ERR_NETWORK, subject,
                 "the request timed out: " + response.error + " (request timeout " +
                     std::to_string(timeout) + " ms)",
                 hint);
  }
  std::string hint = request.absolute_url
                         ? std::string("check that this server is up and reachable from here")
                         : "check api.base_url and api.domain of " + server +
                               " and that the homeserver is reachable from here";
  const std::string detail = response.error.empty() ? "no error text from libcurl" : response.error;
  return Error(MCTL_ERR_NETWORK, subject, "the request failed: " + detail, hint);
}

}  // namespace matrixctl::http
