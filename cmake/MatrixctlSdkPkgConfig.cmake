# matrixctl_sdk_install_pkgconfig(<template> <version script path>): installs
# matrixctl-sdk.pc (component sdk) for plugins built without CMake.

# "${prefix}/<dir>" for a relative install dir, the dir itself otherwise.
function(_matrixctl_sdk_pc_path out dir)
  if(IS_ABSOLUTE "${dir}")
    set(${out} "${dir}" PARENT_SCOPE)
  else()
    set(${out} "\${prefix}/${dir}" PARENT_SCOPE)
  endif()
endfunction()

function(matrixctl_sdk_install_pkgconfig template version_script)
  _matrixctl_sdk_pc_path(pc_includedir ${CMAKE_INSTALL_INCLUDEDIR})
  _matrixctl_sdk_pc_path(pc_plugindir ${MATRIXCTL_INSTALL_PLUGINDIR})
  _matrixctl_sdk_pc_path(pc_versionscript ${version_script})
  # The prefix is filled in at install time, so that `cmake --install
  # --prefix DIR` writes DIR, as the relocatable CMake package does.
  set(pc_prefix "@CMAKE_INSTALL_PREFIX@")
  set(staged ${CMAKE_CURRENT_BINARY_DIR}/matrixctl-sdk.pc.staged)
  set(pc_file ${CMAKE_CURRENT_BINARY_DIR}/matrixctl-sdk.pc)
  configure_file(${template} ${staged} @ONLY)
  install(CODE "configure_file(\"${staged}\" \"${pc_file}\" @ONLY)" COMPONENT sdk)
  install(FILES ${pc_file} DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT sdk)
endfunction()
