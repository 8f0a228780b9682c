# matrixctl_add_plugin(<target> SOURCES ...): builds a plugin shared library
# the way the core expects to load it.
set(MATRIXCTL_PLUGIN_VERSION_SCRIPT ${CMAKE_CURRENT_LIST_DIR}/matrixctl-plugin.map)

function(matrixctl_add_plugin target)
  cmake_parse_arguments(ARG "" "" "SOURCES" ${ARGN})
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE matrixctl::sdk matrixctl_warnings)
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    CXX_VISIBILITY_PRESET hidden
    C_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    LIBRARY_OUTPUT_DIRECTORY ${MATRIXCTL_BUILD_PLUGINDIR})
  # A plugin resolves everything against libc and libstdc++ alone, and
  # exports only its entry symbol: hidden visibility alone still exports
  # libstdc++'s STB_GNU_UNIQUE objects, which the version script hides.
  target_link_options(${target} PRIVATE -Wl,--no-undefined
    -Wl,--version-script=${MATRIXCTL_PLUGIN_VERSION_SCRIPT})
  set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS ${MATRIXCTL_PLUGIN_VERSION_SCRIPT})
  install(TARGETS ${target} LIBRARY DESTINATION ${MATRIXCTL_INSTALL_PLUGINDIR})
endfunction()
