// The `adduser` command: check the account, get the password, confirm, then PUT it.
#include "adduser_command.h"

#include "password.h"
#include "user_lookup.h"

#include <plugin_json.h>

#include <rapidjson/encodings.h>

#include <string>

namespace matrixctl::users {
namespace {

// {"password": ..., "admin": ...}. The writer checks the UTF-8, so a broken
// password fails here instead of as "Content not JSON" from Synapse.
std::string request_body(const std::string& password, bool admin) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer, rapidjson::UTF8<>, rapidjson::UTF8<>,
                    rapidjson::CrtAllocator, rapidjson::kWriteValidateEncodingFlag>
      writer(buffer);
  writer.StartObject();
  writer.Key("password");
  if (!writer.String(password.data(), static_cast<rapidjson::SizeType>(password.size()))) {
    throw sdk::Error(MCTL_ERR_USAGE, "password", "the password is not valid UTF-8",
                     "enter it again in a UTF-8 terminal");
  }
  writer.Key("admin");
  writer.Bool(admin);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

void print_summary(const std::string& user_id, const Password& password, bool admin,
                   bool exists) {
  print_dialog_line(exists ? "The account exists; its password and admin flag will be replaced:"
                           : "Please check the new account:");
  print_dialog_line("Username: " + user_id);
  print_dialog_line(password.generated
                        ? "Password: **HIDDEN** (generated, printed once when done)"
                        : "Password: **HIDDEN**");
  print_dialog_line(std::string("Admin: ") + (admin ? "yes" : "no"));
}

void print_result(const sdk::Call& call, const std::string& user_id, const Password& password,
                  bool admin, bool created) {
  if (call.output_format() == "table") {
    call.text("User " + user_id + (created ? " created." : " updated."));
    if (password.generated) call.text("Generated password: " + password.value);
    return;
  }

  rapidjson::Document result(rapidjson::kObjectType);
  auto& allocator = result.GetAllocator();
  result.AddMember("user_id", rapidjson::Value(user_id.c_str(), allocator), allocator);
  result.AddMember("admin", admin, allocator);
  result.AddMember("created", created, allocator);
  if (password.generated) {
    result.AddMember("generated_password", rapidjson::Value(password.value.c_str(), allocator),
                     allocator);
  }
  call.record(plugin::to_json(result), {});
}

}  // namespace

mctl_status AddUserCommand::run(sdk::Call& call) {
  const std::string user_id = resolve_user_id(call, call.arg("user"));
  const bool admin = call.flag("admin");
  const bool from_stdin = call.flag("password-stdin");

  // PUT on this path also modifies an existing account, so look first.
  const bool exists = fetch_user(call, user_id).has_value();
  if (exists && !call.flag("update-existing")) {
    throw sdk::Error(MCTL_ERR_FAILED, user_id, "the account already exists, nothing was changed",
                     "pass --update-existing to change its password and admin flag");
  }

  const Password password = from_stdin ? read_password_from_stdin() : prompt_password(call);

  if (!from_stdin && !call.flag("yes")) {
    print_summary(user_id, password, admin, exists);
    if (!call.confirm("Is everything ok?")) {
      throw sdk::Error(MCTL_ERR_FAILED, user_id, "not confirmed, nothing was changed");
    }
  }

  // The body contains the password, so this plugin passes it to the host
  // as the request body only and never logs it.
  const std::string body = request_body(password.value, admin);
  const sdk::HttpResponse response =
      call.http(MCTL_HTTP_PUT, "/_synapse/admin/v2/users/{}", {user_id}, {}, &body);

  // Synapse returns 201 for a new account and 200 for a changed one. The
  // status decides the message, because another client may have created
  // the account since the look-up.
  print_result(call, user_id, password, admin, response.status == 201);
  return MCTL_OK;
}

}  // namespace matrixctl::users
