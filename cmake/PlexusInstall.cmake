# Where `cmake --install` puts Plexus, relative to the install prefix (GNU layout: on Debian with
# the prefix /usr the library folder is lib/<multiarch>). The programs find their data and the
# system plugin folder relative to their own location, so no path of the build tree is baked in.
include(GNUInstallDirs)

set(PLEXUS_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/plexus")
set(PLEXUS_INSTALL_EXAMPLESDIR "${PLEXUS_INSTALL_DATADIR}/examples")
set(PLEXUS_INSTALL_PLUGINDIR "${CMAKE_INSTALL_LIBDIR}/plexus/plugins")
set(PLEXUS_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/Plexus")
set(PLEXUS_INSTALL_DOCDIR "${CMAKE_INSTALL_DATADIR}/doc/plexus")
