/* The matrixctl plugin ABI: the only interface between the core and a plugin.
 *
 * Plain C99: fixed-width integers, POD structs, function pointers and opaque
 * handles. No C++ type, exception or allocator crosses it.
 *
 * ABI history: 1.0 first release; 1.1 added mctl_command_desc.usage,
 * mctl_auth_provider_desc.revoke, MCTL_ERR_REAUTH and the host services
 * read_file, user_id, auth_login, auth_logout and auth_info.
 *
 * Compatibility rules:
 *  - Every struct that crosses starts with `struct_size` and only grows at the
 *    end. A reader uses a field only when `struct_size` covers it.
 *  - The host accepts a plugin whose ABI major equals its own and whose minor
 *    is not newer than its own.
 *  - Whoever allocates frees. Strings and buffers the host returns stay valid
 *    until the plugin callback that received them returns, unless a function
 *    says otherwise. The host copies every string a plugin passes in.
 */
#ifndef MATRIXCTL_SDK_H
#define MATRIXCTL_SDK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MCTL_ABI_MAJOR 1
#define MCTL_ABI_MINOR 1

/* The exported entry symbol carries the ABI epoch, so a plugin built for
 * another major version is not even found by this host. */
#define MCTL_PLUGIN_ENTRY_NAME "matrixctl_plugin_v1"

#if defined(_WIN32)
#define MCTL_EXPORT __declspec(dllexport)
#else
#define MCTL_EXPORT __attribute__((visibility("default")))
#endif

/* Status codes. They double as the process exit codes of matrixctl. */
typedef int32_t mctl_status;
#define MCTL_OK 0
#define MCTL_ERR_FAILED 1    /* the command failed or the user declined */
#define MCTL_ERR_USAGE 2     /* bad command line */
#define MCTL_ERR_CONFIG 3    /* config file missing, malformed or invalid */
#define MCTL_ERR_AUTH 4      /* no usable token, 401 or 403 */
#define MCTL_ERR_NETWORK 5   /* connection, TLS or timeout failure */
#define MCTL_ERR_SERVER 6    /* the homeserver returned an error */
#define MCTL_ERR_PLUGIN 7    /* a plugin could not be loaded or misbehaved */
/* Returned by an auth provider's refresh when the provider rejected the
 * refresh token (OAuth 2.0 invalid_grant): the host drops the cached tokens
 * and starts a new login. matrixctl never exits with it (it exits with
 * MCTL_ERR_AUTH instead). Since ABI 1.1. */
#define MCTL_ERR_REAUTH 8
#define MCTL_ERR_CANCELLED 130 /* interrupted (Ctrl-C) */

/* Opaque handle of one command or auth-provider call. Valid only during the
 * callback that received it. */
typedef struct mctl_call mctl_call;

/* ---- Options a command declares -------------------------------------- */

#define MCTL_OPT_FLAG 0x1u       /* takes no value; present or not */
#define MCTL_OPT_POSITIONAL 0x2u /* given without a name, in declaration order */
#define MCTL_OPT_REQUIRED 0x4u
#define MCTL_OPT_MULTI 0x8u      /* may be given more than once */

typedef struct mctl_option_desc {
  uint32_t struct_size;
  const char *name;          /* long name without dashes, e.g. "admin" */
  char short_name;           /* e.g. 'a', or 0 */
  uint32_t flags;            /* MCTL_OPT_* */
  const char *value_name;    /* shown in help, e.g. "N"; NULL for flags */
  const char *help;          /* one line: what the option sets, with unit */
  const char *default_value; /* NULL when none */
} mctl_option_desc;

/* ---- Commands ---------------------------------------------------------- */

typedef struct mctl_host_api mctl_host_api;

/* Runs one command. `plugin_state` is what the plugin's init returned. */
typedef mctl_status (*mctl_command_fn)(void *plugin_state, mctl_call *call);

typedef struct mctl_command_desc {
  uint32_t struct_size;
  const char *name;     /* e.g. "adduser" */
  const char *group;    /* e.g. "user"; `matrixctl user adduser` also works */
  const char *summary;  /* one line for --help */
  const mctl_option_desc *options;
  uint32_t option_count;
  mctl_command_fn run;
  /* Since ABI 1.1: longer text shown by `<command> --help`, or NULL. */
  const char *usage;
} mctl_command_desc;

/* ---- Auth providers ---------------------------------------------------- */

/* A token set an auth provider returns. The host copies every field before
 * the callback returns; the plugin keeps ownership of the strings. */
typedef struct mctl_token_set {
  uint32_t struct_size;
  const char *access_token;
  const char *refresh_token; /* NULL when none */
  const char *id_token;      /* NULL when none */
  const char *scope;         /* granted scope, NULL when unknown */
  int64_t expires_at;        /* Unix seconds; 0 = does not expire */
  uint32_t cacheable;        /* 1 = the host may store it in its token cache */
} mctl_token_set;

/* Hands the token set to the host. Only valid inside acquire/refresh.
 *
 * In auth-provider calls, host->arg() returns these values set by the core:
 * "flow" (e.g. "device" from `auth login --device`, else absent),
 * "no-browser" and "no-input" ("1" when the user gave those options). */
typedef mctl_status (*mctl_token_sink_fn)(mctl_call *call,
                                          const mctl_token_set *tokens);

typedef struct mctl_auth_provider_desc {
  uint32_t struct_size;
  const char *name;    /* the `auth_type` value that selects it, e.g. "token" */
  const char *summary;
  /* Obtains a token for the selected server, interactively if it must. */
  mctl_status (*acquire)(void *plugin_state, mctl_call *call,
                         mctl_token_sink_fn sink);
  /* Exchanges a refresh token for a new token set; NULL if unsupported.
   * Returns MCTL_ERR_REAUTH when the provider rejected the refresh token. */
  mctl_status (*refresh)(void *plugin_state, mctl_call *call,
                         const char *refresh_token, mctl_token_sink_fn sink);
  /* Since ABI 1.1: revokes tokens at the provider on logout; either may be
   * NULL. NULL when the provider has nothing to revoke. */
  mctl_status (*revoke)(void *plugin_state, mctl_call *call,
                        const char *refresh_token, const char *access_token);
} mctl_auth_provider_desc;

/* ---- The plugin descriptor --------------------------------------------- */

typedef struct mctl_plugin_desc {
  uint32_t struct_size;
  uint32_t abi_major;   /* MCTL_ABI_MAJOR the plugin was built with */
  uint32_t abi_minor;   /* MCTL_ABI_MINOR the plugin was built with */
  const char *id;       /* unique, e.g. "users" */
  const char *version;  /* the plugin's own version */
  const char *summary;
  const mctl_command_desc *commands;
  uint32_t command_count;
  const mctl_auth_provider_desc *auth_providers;
  uint32_t auth_provider_count;
  /* Called once before the first callback. Returns the plugin state that
   * later callbacks receive, or sets *state to NULL. May be NULL. The host
   * table lives until shutdown returns. */
  mctl_status (*init)(const mctl_host_api *host, void **state);
  /* Called once at exit if init succeeded. May be NULL. */
  void (*shutdown)(void *state);
} mctl_plugin_desc;

/* The one symbol a plugin exports: returns a static descriptor. It must not
 * run any other code, because the host calls it for `--help` too. */
typedef const mctl_plugin_desc *(*mctl_plugin_entry_fn)(void);

/* ---- Host services ----------------------------------------------------- */

#define MCTL_HTTP_GET 0
#define MCTL_HTTP_POST 1
#define MCTL_HTTP_PUT 2
#define MCTL_HTTP_DELETE 3

/* Request flags. */
#define MCTL_HTTP_NO_AUTH 0x1u     /* send no Authorization header */
#define MCTL_HTTP_ABSOLUTE_URL 0x2u /* `path` is a full URL (auth providers) */
#define MCTL_HTTP_NO_RETRY 0x4u    /* do not retry on 429 */
#define MCTL_HTTP_RAW_ERRORS 0x8u  /* return 4xx/5xx to the caller as a
                                      response instead of failing */
/* The host never logs request bodies or header values of Authorization;
 * debug output shows only their size. */

typedef struct mctl_query_param {
  const char *key;
  const char *value; /* sent percent-encoded by the host */
} mctl_query_param;

typedef struct mctl_http_request {
  uint32_t struct_size;
  uint32_t method;       /* MCTL_HTTP_* */
  /* Path below the server's base URL, e.g. "/_synapse/admin/v2/users/{}".
   * Each "{}" is replaced by the next entry of `path_args`, percent-encoded
   * as one segment. */
  const char *path;
  const char *const *path_args;
  uint32_t path_arg_count;
  const mctl_query_param *query;
  uint32_t query_count;
  const char *body;          /* NULL for none */
  size_t body_size;
  const char *content_type;  /* NULL = application/json when a body is set */
  uint32_t flags;            /* MCTL_HTTP_* flags */
  uint32_t timeout_ms;       /* 0 = the host's default */
  /* Extra headers as "Name: value" strings. Authorization only together
   * with MCTL_HTTP_NO_AUTH: for OAuth client authentication, or to revoke
   * the token being logged out. */
  const char *const *headers;
  uint32_t header_count;
} mctl_http_request;

typedef struct mctl_http_response {
  uint32_t struct_size;
  int32_t status;     /* HTTP status */
  const char *body;   /* NUL-terminated; host-owned */
  size_t body_size;
  const char *content_type; /* NULL when absent */
} mctl_http_response;

/* A paginated Admin API list, followed to the end by the host. */
typedef struct mctl_list_request {
  uint32_t struct_size;
  const char *path;          /* as in mctl_http_request, "{}" allowed */
  const char *const *path_args;
  uint32_t path_arg_count;
  const mctl_query_param *query; /* filters; never `from` or `limit` */
  uint32_t query_count;
  const char *items_key;     /* "users", "rooms", ... */
  const char *next_key;      /* "next_token" or "next_batch" */
  const char *total_key;     /* "total" or "total_rooms"; NULL if none */
  uint32_t page_size;        /* 0 = 100 */
  uint64_t max_items;        /* 0 = all */
} mctl_list_request;

typedef struct mctl_list_result {
  uint32_t struct_size;
  const char *items_json;    /* JSON array of the items in server order */
  size_t items_json_size;
  uint64_t item_count;
  uint64_t server_total;     /* what the server reported as total; 0 if none */
} mctl_list_result;

/* Column/field formats for output. */
#define MCTL_FMT_TEXT 0       /* strings as they are, null as "-" */
#define MCTL_FMT_YES_NO 1     /* booleans (and 0/1) as Yes/No */
#define MCTL_FMT_LOCALPART 2  /* "@alice:example.org" shown as "alice" */
#define MCTL_FMT_TIME_MS 3    /* Unix milliseconds as UTC date and time */
#define MCTL_FMT_TIME_S 4     /* Unix seconds as UTC date and time */
#define MCTL_FMT_SIZE 5       /* bytes as "12.34 MB" (1024-based) */

typedef struct mctl_column {
  uint32_t struct_size;
  const char *key;     /* key in each JSON object */
  const char *header;  /* table header */
  uint32_t format;     /* MCTL_FMT_* */
} mctl_column;

#define MCTL_LOG_ERROR 0
#define MCTL_LOG_WARNING 1
#define MCTL_LOG_INFO 2
#define MCTL_LOG_DEBUG 3

#define MCTL_PROMPT_SECRET 0x1u /* no echo */

struct mctl_host_api {
  uint32_t struct_size;
  uint32_t abi_major;
  uint32_t abi_minor;

  /* -- Command-line values of the running command -- */
  /* The value of option `name`: "1" for a given flag, NULL when absent.
   * For MCTL_OPT_MULTI options, `index` picks the value. */
  const char *(*arg)(mctl_call *call, const char *name, uint32_t index);
  uint32_t (*arg_count)(mctl_call *call, const char *name);

  /* -- Config of the selected server (read-only) -- */
  /* Scalar at a dotted key below `servers.<name>`, e.g. "api.domain";
   * NULL when absent. Lists and maps are returned as JSON text. */
  const char *(*config)(mctl_call *call, const char *dotted_key);
  /* Name of the selected server (the -S value). */
  const char *(*server_name)(mctl_call *call);

  /* -- HTTP to the selected homeserver -- */
  /* Sends one request. The host adds the base URL, auth, User-Agent and
   * retries on 429. On a 4xx/5xx response it reports the error and returns
   * its status code, unless MCTL_HTTP_RAW_ERRORS is set. *response stays
   * valid until the callback returns or http_release is called. */
  mctl_status (*http)(mctl_call *call, const mctl_http_request *request,
                      const mctl_http_response **response);
  void (*http_release)(mctl_call *call, const mctl_http_response *response);
  /* Follows a paginated list to the end (or max_items) with up to
   * `concurrent_limit` parallel requests, in the server's order. */
  mctl_status (*list)(mctl_call *call, const mctl_list_request *request,
                      const mctl_list_result **result);

  /* -- Auth -- */
  /* Access token for the selected server; only for plugins that must pass
   * it on themselves. Never print it. */
  mctl_status (*access_token)(mctl_call *call, const char **token);

  /* -- Output, rendered by the host as table, JSON or YAML -- */
  /* A list of JSON objects, with the columns the table shows and an
   * optional footer line such as "Total number of users: 3". */
  mctl_status (*output_table)(mctl_call *call, const char *items_json,
                              const mctl_column *columns,
                              uint32_t column_count, const char *footer);
  /* One JSON object as a two-column key/value table; `fields` picks and
   * names the rows, or NULL to show every key. */
  mctl_status (*output_record)(mctl_call *call, const char *object_json,
                               const mctl_column *fields,
                               uint32_t field_count, const char *title);
  /* A line of plain text to stdout, shown only in table mode. */
  void (*output_text)(mctl_call *call, const char *line);
  /* Output format the user asked for: "table", "json" or "yaml". */
  const char *(*output_format)(mctl_call *call);

  /* -- Prompts on the terminal -- */
  /* Reads a line; MCTL_PROMPT_SECRET disables echo. Fails with
   * MCTL_ERR_USAGE when stdin is not interactive. */
  mctl_status (*prompt)(mctl_call *call, const char *text, uint32_t flags,
                        const char **answer);
  /* Asks "<text> [y/n]" until y or n; *yes = 1 for yes. */
  mctl_status (*confirm)(mctl_call *call, const char *text, int32_t *yes);

  /* -- Logging, cancellation, errors -- */
  /* `category` is one of "http", "auth", "plugin", "config" or the
   * plugin's id. Debug messages show only with -d. */
  void (*log)(mctl_call *call, int32_t level, const char *category,
              const char *message);
  /* Nonzero once the user pressed Ctrl-C; long loops should stop. */
  int32_t (*cancelled)(mctl_call *call);
  /* Records the error to report as
   * "matrixctl: error: <subject>: <reason>; <hint>" and returns `status`
   * for convenience. `hint` may be NULL. */
  mctl_status (*fail)(mctl_call *call, mctl_status status,
                      const char *subject, const char *reason,
                      const char *hint);

  /* -- Since ABI 1.1 -- */
  /* Reads the whole file at `path` ("~/" expanded). */
  mctl_status (*read_file)(mctl_call *call, const char *path,
                           const char **content);
  /* Turns a localpart or MXID into a full MXID of the selected server.
   * Never NULL. */
  const char *(*user_id)(mctl_call *call, const char *user);

  /* -- Token cache of the selected server (since ABI 1.1) -- */
  /* Logs in again through the server's auth provider, replacing cached
   * tokens. `flow` is passed to the provider as its "flow" arg; may be
   * NULL. */
  mctl_status (*auth_login)(mctl_call *call, const char *flow);
  /* Revokes the cached tokens at the provider (when it can) and removes this
   * server's cache entry only. */
  mctl_status (*auth_logout)(mctl_call *call);
  /* JSON object describing the auth state of the selected server, without
   * any token: server, auth_type, cached, expires_at, scope,
   * has_refresh_token, issuer, client_id, cache_file. */
  mctl_status (*auth_info)(mctl_call *call, const char **json);
};

#ifdef __cplusplus
}
#endif

#endif /* MATRIXCTL_SDK_H */
