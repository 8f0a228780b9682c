/* Test plugin that claims a newer ABI minor than the host: the host must
 * reject it without running any of its commands. */
#include <matrixctl/sdk.h>

static mctl_status run(void *state, mctl_call *call) {
  (void)state;
  (void)call;
  return MCTL_OK;
}

static const mctl_command_desc commands[] = {
    {sizeof(mctl_command_desc), "abi-new", "test", "Must never be listed", NULL, 0, run, NULL},
};

static const mctl_plugin_desc descriptor = {
    sizeof(mctl_plugin_desc), MCTL_ABI_MAJOR, MCTL_ABI_MINOR + 1, "abi-new", "9.0.0",
    "ABI test plugin from the future", commands, 1, NULL, 0, NULL, NULL};

MCTL_EXPORT const mctl_plugin_desc *matrixctl_plugin_v1(void) { return &descriptor; }
