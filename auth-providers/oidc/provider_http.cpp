// HTTP requests to the OpenID provider and the homeserver's auth metadata, through the host.
#include "provider_http.h"

namespace matrixctl::auth_oidc {
namespace {

ProviderResponse send(const sdk::Call& call, mctl_http_request& request) {
  request.struct_size = sizeof request;
  const mctl_http_response* response = nullptr;
  const mctl_status status = sdk::g_host->http(call.raw(), &request, &response);
  if (status != MCTL_OK) throw sdk::Reported(status);

  ProviderResponse copy;
  copy.status = response->status;
  copy.body.assign(response->body, response->body_size);
  sdk::g_host->http_release(call.raw(), response);
  return copy;
}

}  // namespace

ProviderResponse get_url(const sdk::Call& call, const std::string& url) {
  mctl_http_request request{};
  request.method = MCTL_HTTP_GET;
  request.path = url.c_str();
  request.flags = MCTL_HTTP_ABSOLUTE_URL | MCTL_HTTP_NO_AUTH | MCTL_HTTP_RAW_ERRORS;
  return send(call, request);
}

ProviderResponse get_homeserver_path(const sdk::Call& call, const std::string& path) {
  mctl_http_request request{};
  request.method = MCTL_HTTP_GET;
  request.path = path.c_str();
  request.flags = MCTL_HTTP_NO_AUTH | MCTL_HTTP_RAW_ERRORS;
  return send(call, request);
}

ProviderResponse post_form(const sdk::Call& call, const std::string& url, const FormFields& fields,
                           const std::vector<std::string>& headers) {
  const std::string body = encode_form(fields);
  std::vector<const char*> header_pointers;
  for (const auto& header : headers) header_pointers.push_back(header.c_str());

  mctl_http_request request{};
  request.method = MCTL_HTTP_POST;
  request.path = url.c_str();
  request.body = body.data();
  request.body_size = body.size();
  request.content_type = "application/x-www-form-urlencoded";
  request.flags =
      MCTL_HTTP_ABSOLUTE_URL | MCTL_HTTP_NO_AUTH | MCTL_HTTP_RAW_ERRORS | MCTL_HTTP_NO_RETRY;
  request.headers = header_pointers.data();
  request.header_count = static_cast<uint32_t>(header_pointers.size());
  return send(call, request);
}

rapidjson::Document parse_provider_object(std::string_view body, const std::string& request) {
  rapidjson::Document document;
  document.Parse(body.data(), body.size());
  if (document.HasParseError() || !document.IsObject()) {
    throw sdk::Error(MCTL_ERR_SERVER, request, "the response is not a JSON object",
                     "check that the URL is the OpenID provider's endpoint and not a web page");
  }
  return document;
}

}  // namespace matrixctl::auth_oidc
