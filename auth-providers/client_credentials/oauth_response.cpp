// Responses of OAuth 2.0 endpoints: provider metadata, token responses and
// error bodies (RFC 8414, RFC 6749 section 5, RFC 7009).
#include "oauth_response.h"

#include <plugin_json.h>

#include <algorithm>
#include <cctype>

namespace matrixctl::auth_client_credentials {
namespace {

// A token goes into an Authorization header, where a space, line break or
// non-ASCII byte would corrupt the request.
bool is_header_safe(std::string_view token) {
  return !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte > 0x20 && byte < 0x7F;
  });
}

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

rapidjson::Document parse_json_object(std::string_view body) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) document.SetNull();
  return document;
}

std::string endpoint_member(const rapidjson::Value& object, const char* key,
                            const std::string& url) {
  const auto member = object.FindMember(key);
  if (member == object.MemberEnd() || member->value.IsNull()) return {};
  const auto value = plugin::string_member(object, key);
  if (!value || !is_absolute_http_url(*value)) {
    throw sdk::Error(MCTL_ERR_SERVER, url,
                     std::string("the discovery document has an invalid ") + key +
                         " (not an absolute http or https URL)",
                     "check api.auth_oidc.discovery_endpoint, or set "
                     "api.auth_oidc.token_endpoint instead");
  }
  return std::string(*value);
}

std::string oauth_error_code(const sdk::HttpResponse& response) {
  const rapidjson::Document document = parse_json_object(response.body);
  if (!document.IsObject()) return {};
  return std::string(plugin::string_member(document, "error").value_or(""));
}

}  // namespace

ProviderMetadata parse_metadata(std::string_view body, const std::string& url) {
  const rapidjson::Document document = parse_json_object(body);
  if (!document.IsObject()) {
    throw sdk::Error(MCTL_ERR_SERVER, url, "the discovery document is not a JSON object",
                     "check api.auth_oidc.discovery_endpoint, or set "
                     "api.auth_oidc.token_endpoint instead");
  }
  ProviderMetadata metadata;
  metadata.issuer = plugin::string_member(document, "issuer").value_or("");
  metadata.token_endpoint = endpoint_member(document, "token_endpoint", url);
  metadata.revocation_endpoint = endpoint_member(document, "revocation_endpoint", url);
  return metadata;
}

sdk::Tokens parse_token_response(std::string_view body, int64_t now,
                                 const std::string& requested_scope, const std::string& endpoint) {
  const std::string subject = "POST " + endpoint;
  const char* const hint = "check api.auth_oidc.token_endpoint (or the discovery document)";
  const rapidjson::Document document = parse_json_object(body);
  if (!document.IsObject()) {
    throw sdk::Error(MCTL_ERR_SERVER, subject, "the token response is not a JSON object", hint);
  }

  const auto access_token = plugin::string_member(document, "access_token");
  if (!access_token || !is_header_safe(*access_token)) {
    throw sdk::Error(MCTL_ERR_SERVER, subject,
                     "the token response has no access_token of printable ASCII", hint);
  }
  // RFC 6749 makes token_type required, but only bearer tokens fit the
  // Authorization header that matrixctl sends.
  const auto token_type = plugin::string_member(document, "token_type");
  if (token_type && !equals_ignoring_case(*token_type, "bearer")) {
    throw sdk::Error(MCTL_ERR_SERVER, subject,
                     "the token type is \"" + std::string(*token_type) + "\", not Bearer",
                     "use a provider that issues bearer tokens");
  }

  sdk::Tokens tokens;
  tokens.access_token = std::string(*access_token);
  tokens.scope = std::string(plugin::string_member(document, "scope").value_or(requested_scope));
  tokens.cacheable = true;
  const auto expires = document.FindMember("expires_in");
  if (expires != document.MemberEnd() && expires->value.IsNumber() &&
      expires->value.GetDouble() >= 1) {
    tokens.expires_at = now + static_cast<int64_t>(expires->value.GetDouble());
  }
  return tokens;
}

std::string describe_oauth_error(const sdk::HttpResponse& response) {
  std::string detail = "HTTP " + std::to_string(response.status);
  const rapidjson::Document document = parse_json_object(response.body);
  if (!document.IsObject()) return detail;
  if (const auto code = plugin::string_member(document, "error")) detail += " " + std::string(*code);
  if (const auto text = plugin::string_member(document, "error_description")) {
    detail += ": " + std::string(*text);
  }
  return detail;
}

sdk::Error token_error(const sdk::HttpResponse& response, const ClientSettings& settings,
                       const std::string& endpoint, const std::string& server) {
  const std::string code = oauth_error_code(response);
  const std::string detail = describe_oauth_error(response);
  const std::string subject = "client " + settings.client_id + " at " + endpoint;

  if (code == "invalid_client") {
    return sdk::Error(MCTL_ERR_AUTH, subject,
                      "the provider rejected the client credentials (" + detail + ")",
                      "check client_id, client_secret (or client_secret_file) and "
                      "client_auth_method in api.auth_oidc of server \"" + server + "\"");
  }
  if (code == "unauthorized_client" || code == "unsupported_grant_type") {
    return sdk::Error(MCTL_ERR_AUTH, subject,
                      "the provider does not allow this client the client credentials grant (" +
                          detail + ")",
                      "allow the grant type client_credentials for the client at the provider");
  }
  if (code == "invalid_scope") {
    return sdk::Error(MCTL_ERR_AUTH, subject,
                      "the provider refused the scope \"" + settings.scope + "\" (" + detail + ")",
                      "for urn:mas:admin, list the client in MAS's policy.data.admin_clients; "
                      "otherwise change api.auth_oidc.scopes");
  }
  return sdk::Error(MCTL_ERR_SERVER, subject, "the token request failed (" + detail + ")",
                    response.status >= 500 ? "try again later"
                                           : "check api.auth_oidc.token_endpoint of server \"" +
                                                 server + "\"");
}

sdk::Error revocation_error(const sdk::HttpResponse& response, const ClientSettings& settings,
                            const std::string& endpoint, const std::string& server) {
  const std::string code = oauth_error_code(response);
  const std::string detail = describe_oauth_error(response);
  const std::string subject = "client " + settings.client_id + " at " + endpoint;
  const mctl_status status = code == "invalid_client" ? MCTL_ERR_AUTH : MCTL_ERR_SERVER;
  return sdk::Error(status, subject,
                    "revoking the access token failed (" + detail +
                        "), so it stays valid until it expires",
                    code == "invalid_client"
                        ? "check the client settings in api.auth_oidc of server \"" + server + "\""
                        : std::string("if it must end before it expires, end the session at the "
                                      "provider (for MAS with its admin API or mas-cli)"));
}

}  // namespace matrixctl::auth_client_credentials
