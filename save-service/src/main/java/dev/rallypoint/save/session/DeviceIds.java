package dev.rallypoint.save.session;

import dev.rallypoint.common.problem.ProblemException;

/**
 * A deviceId is a secret: whoever knows it logs in as its player, so it must be long enough not
 * to be guessed, and bounded so a key cannot be made arbitrarily large.
 */
final class DeviceIds {

    static final int MIN_LENGTH = 16;
    static final int MAX_LENGTH = 128;

    private DeviceIds() {
    }

    static String validate(String deviceId) {
        if (deviceId.isBlank() || deviceId.length() < MIN_LENGTH || deviceId.length() > MAX_LENGTH
                || deviceId.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid-device-id",
                    "A deviceId is a secret of " + MIN_LENGTH + " to " + MAX_LENGTH + " printable characters.");
        }
        return deviceId;
    }
}
