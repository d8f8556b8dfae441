#pragma once

#include "plexus/core/connectivity/ConnectivityRule.h"

/// Build functions of the connectivity rules (defined in ConnectivityBuilder.cpp), named in the
/// table of ConnectivityRule::all().
namespace plexus::core::rules {

void allToAll(const ConnectivityRule::Request& request, ConnectionRows& rows);
void oneToOne(const ConnectivityRule::Request& request, ConnectionRows& rows);
void fixedProbability(const ConnectivityRule::Request& request, ConnectionRows& rows);
void fixedIndegree(const ConnectivityRule::Request& request, ConnectionRows& rows);
void fixedOutdegree(const ConnectivityRule::Request& request, ConnectionRows& rows);
void distanceGaussian(const ConnectivityRule::Request& request, ConnectionRows& rows);
void distanceExponential(const ConnectivityRule::Request& request, ConnectionRows& rows);
void smallWorld(const ConnectivityRule::Request& request, ConnectionRows& rows);
void block(const ConnectivityRule::Request& request, ConnectionRows& rows);
void csvEdges(const ConnectivityRule::Request& request, ConnectionRows& rows);

} // namespace plexus::core::rules
