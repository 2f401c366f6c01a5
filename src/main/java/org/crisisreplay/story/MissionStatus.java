package org.crisisreplay.story;

public enum MissionStatus { NONE, REQUESTED, AUTHORIZED, DEPLOYED, WITHDRAWAL_ANNOUNCED, WITHDRAWING, WITHDRAWN }
