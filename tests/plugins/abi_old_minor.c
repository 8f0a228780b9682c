/* Test plugin built as if for ABI 1.0: its command struct lacks the `usage`
 * field added in 1.1, so the host must read only the bytes it declares. */
#include <matrixctl/sdk.h>

#include <string.h>

/* The 1.0 layout of mctl_command_desc. */
typedef struct command_desc_v1_0 {
  uint32_t struct_size;
  const char *name;
  const char *group;
  const char *summary;
  const mctl_option_desc *options;
  uint32_t option_count;
  mctl_command_fn run;
} command_desc_v1_0;

static const mctl_host_api *host;

static mctl_status init(const mctl_host_api *api, void **state) {
  host = api;
  *state = NULL;
  return MCTL_OK;
}

static mctl_status run(void *state, mctl_call *call) {
  (void)state;
  const char *word = host->arg(call, "word", 0);
  host->output_text(call, "old-minor plugin ran");
  if (word != NULL && strcmp(word, "fail") == 0) {
    return host->fail(call, MCTL_ERR_FAILED, "abi-old", "asked to fail", NULL);
  }
  return MCTL_OK;
}

static const mctl_option_desc options[] = {
    {sizeof(mctl_option_desc), "word", 0, MCTL_OPT_POSITIONAL, "WORD", "a word", NULL},
};

static const command_desc_v1_0 commands[] = {
    {sizeof(command_desc_v1_0), "abi-old", "test", "Test command of an ABI 1.0 plugin", options,
     1, run},
};

static const mctl_plugin_desc descriptor = {
    sizeof(mctl_plugin_desc), 1, 0, "abi-old", "1.0.0", "ABI 1.0 test plugin",
    (const mctl_command_desc *)commands, 1, NULL, 0, init, NULL};

MCTL_EXPORT const mctl_plugin_desc *matrixctl_plugin_v1(void) { return &descriptor; }
