# Where `cmake --install` puts Plexus, relative to the install prefix (GNU layout: on Debian with
# the prefix /usr the library folder is lib/<multiarch>). The programs find their data and the
# system plugin folder relative to their own location, so no path of the build tree is baked in.
include(GNUInstallDirs)

set(PLEXUS_INSTALL_DATADIR "${CMAKE_INSTALL_DATADIR}/plexus")
set(PLEXUS_INSTALL_EXAMPLESDIR "${PLEXUS_INSTALL_DATADIR}/examples")
set(PLEXUS_INSTALL_PLUGINDIR "${CMAKE_INSTALL_LIBDIR}/plexus/plugins")
set(PLEXUS_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/Plexus")
set(PLEXUS_INSTALL_DOCDIR "${CMAKE_INSTALL_DATADIR}/doc/plexus")

# The build tree's mirror of the data folder (the examples), found like the installed one.
set(PLEXUS_BUILD_DATADIR "share/plexus")

# The folders the programs compute from their own place (relative to the bin folder).
set(plexus_fake_prefix "/plexus-prefix")
file(RELATIVE_PATH PLEXUS_RELATIVE_DATADIR "${plexus_fake_prefix}/${CMAKE_INSTALL_BINDIR}"
     "${plexus_fake_prefix}/${PLEXUS_INSTALL_DATADIR}")
file(RELATIVE_PATH PLEXUS_RELATIVE_PLUGINDIR "${plexus_fake_prefix}/${CMAKE_INSTALL_BINDIR}"
     "${plexus_fake_prefix}/${PLEXUS_INSTALL_PLUGINDIR}")
file(RELATIVE_PATH PLEXUS_RELATIVE_DOCDIR "${plexus_fake_prefix}/${CMAKE_INSTALL_BINDIR}"
     "${plexus_fake_prefix}/${PLEXUS_INSTALL_DOCDIR}")
