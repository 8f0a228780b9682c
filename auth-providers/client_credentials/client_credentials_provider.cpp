// The auth provider "client_credentials": the OAuth 2.0 client credentials
// grant, for automation against the MAS admin API.
#include "client_credentials_provider.h"

#include "client_settings.h"
#include "oauth_form.h"
#include "oauth_response.h"

#include <ctime>
#include <string>
#include <vector>

namespace matrixctl::auth_client_credentials {
namespace {

// The homeserver serves its MAS metadata here when it delegates
// authentication (MSC2965, Synapse 1.136 and later).
constexpr const char* kAuthMetadataPath = "/_matrix/client/v1/auth_metadata";

constexpr uint32_t kAbsoluteFlags =
    MCTL_HTTP_ABSOLUTE_URL | MCTL_HTTP_NO_AUTH | MCTL_HTTP_RAW_ERRORS;

bool is_success(const sdk::HttpResponse& response) {
  return response.status >= 200 && response.status < 300;
}

// Sends a form POST to an absolute URL. Call::http has no content type
// parameter, so this fills the C request itself.
sdk::HttpResponse post_form(const sdk::Call& call, const std::string& url,
                            const ClientRequest& form) {
  std::vector<const char*> headers;
  for (const std::string& header : form.headers) headers.push_back(header.c_str());

  mctl_http_request request{};
  request.struct_size = sizeof request;
  request.method = MCTL_HTTP_POST;
  request.path = url.c_str();
  request.body = form.body.data();
  request.body_size = form.body.size();
  request.content_type = kFormContentType;
  request.flags = kAbsoluteFlags;
  request.headers = headers.data();
  request.header_count = static_cast<uint32_t>(headers.size());

  const mctl_http_response* response = nullptr;
  const mctl_status status = sdk::g_host->http(call.raw(), &request, &response);
  if (status != MCTL_OK) throw sdk::Reported(status);
  sdk::HttpResponse out;
  out.status = response->status;
  out.body = std::string_view(response->body, response->body_size);
  if (response->content_type != nullptr) out.content_type = response->content_type;
  return out;
}

// Fetches the discovery document: api.auth_oidc.discovery_endpoint, or the
// homeserver's auth_metadata when that is not set.
ProviderMetadata discover(const sdk::Call& call, const ClientSettings& settings) {
  const bool from_config = !settings.discovery_endpoint.empty();
  const std::string where = from_config ? settings.discovery_endpoint
                                        : std::string("GET ") + kAuthMetadataPath;
  call.debug("auth", "reading the OAuth 2.0 endpoints from " + where);
  const sdk::HttpResponse response =
      from_config ? call.http(MCTL_HTTP_GET, settings.discovery_endpoint.c_str(), {}, {}, nullptr,
                              kAbsoluteFlags)
                  : call.http(MCTL_HTTP_GET, kAuthMetadataPath, {}, {}, nullptr,
                              MCTL_HTTP_NO_AUTH | MCTL_HTTP_RAW_ERRORS);
  if (!is_success(response)) {
    const std::string server(call.server_name());
    throw sdk::Error(MCTL_ERR_CONFIG, where,
                     "the discovery document could not be fetched (" +
                         describe_oauth_error(response) + ")",
                     from_config ? "check api.auth_oidc.discovery_endpoint of server \"" +
                                       server + "\""
                                 : "set api.auth_oidc.token_endpoint or discovery_endpoint of "
                                   "server \"" + server + "\"");
  }
  return parse_metadata(response.body, where);
}

void warn_if_unencrypted(const sdk::Call& call, const std::string& url) {
  if (is_unencrypted_remote(url)) {
    call.warning("auth", "the token endpoint " + url +
                             " uses plain http, so the client secret crosses the network "
                             "unencrypted; use an https URL");
  }
}

}  // namespace

sdk::Tokens ClientCredentialsProvider::acquire(sdk::Call& call) {
  call.warning("auth",
               "auth_type client_credentials gets a token without a user, which Synapse's Admin "
               "API does not accept, so Synapse commands fail with 401 or 403; it is meant for "
               "plugins that call the MAS admin API");

  const ClientSettings settings = read_client_settings(call);
  std::string endpoint = settings.token_endpoint;
  if (endpoint.empty()) {
    endpoint = discover(call, settings).token_endpoint;
    if (endpoint.empty()) {
      throw sdk::Error(MCTL_ERR_CONFIG,
                       "servers." + std::string(call.server_name()) + ".api.auth_oidc",
                       "the discovery document names no token_endpoint",
                       "set api.auth_oidc.token_endpoint");
    }
  }
  warn_if_unencrypted(call, endpoint);

  call.debug("auth", "client credentials grant at " + endpoint + " for client " +
                         settings.client_id + ", scope \"" + settings.scope + "\"");
  const sdk::HttpResponse response = post_form(call, endpoint, token_request(settings));
  if (!is_success(response)) {
    throw token_error(response, settings, endpoint, std::string(call.server_name()));
  }

  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  sdk::Tokens tokens = parse_token_response(response.body, now, settings.scope, endpoint);
  call.debug("auth", "got an access token with scope \"" + tokens.scope + "\"; it " +
                         (tokens.expires_at == 0
                              ? std::string("does not expire")
                              : "expires in " + std::to_string(tokens.expires_at - now) + " s"));
  return tokens;
}

void ClientCredentialsProvider::revoke(sdk::Call& call, std::string_view /*refresh_token*/,
                                       std::string_view access_token) {
  if (access_token.empty()) return;
  const ClientSettings settings = read_client_settings(call);
  std::string endpoint = settings.revocation_endpoint;
  // A token_endpoint set without discovery_endpoint may belong to another
  // provider than the homeserver's auth_metadata, so that is not asked.
  const bool use_discovery = !settings.discovery_endpoint.empty() || settings.token_endpoint.empty();
  if (endpoint.empty() && use_discovery) endpoint = discover(call, settings).revocation_endpoint;
  if (endpoint.empty()) {
    call.warning("auth", "the provider names no revocation endpoint, so the access token of "
                         "client " + settings.client_id +
                         " stays valid until it expires; set api.auth_oidc.revocation_endpoint "
                         "to revoke it at logout");
    return;
  }
  warn_if_unencrypted(call, endpoint);

  call.debug("auth", "revoking the access token at " + endpoint);
  const sdk::HttpResponse response =
      post_form(call, endpoint, revocation_request(settings, access_token));
  if (!is_success(response)) {
    throw revocation_error(response, settings, endpoint, std::string(call.server_name()));
  }
  call.debug("auth", "the provider revoked the access token");
}

}  // namespace matrixctl::auth_client_credentials
