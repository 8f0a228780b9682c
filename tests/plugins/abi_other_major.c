/* Test plugin built for ABI major 2: it exports only the v2 entry symbol,
 * which this host must recognise and reject by name. */
#include <matrixctl/sdk.h>

static const mctl_plugin_desc descriptor = {
    sizeof(mctl_plugin_desc), 2, 0, "abi-major", "2.0.0", "ABI 2 test plugin",
    NULL, 0, NULL, 0, NULL, NULL};

MCTL_EXPORT const mctl_plugin_desc *matrixctl_plugin_v2(void) { return &descriptor; }
