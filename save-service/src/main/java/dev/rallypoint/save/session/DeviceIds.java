package dev.rallypoint.save.session;

import dev.rallypoint.common.problem.ProblemException;

/** Device ids are opaque to Rallypoint; they are bounded so a key cannot be made arbitrarily large. */
final class DeviceIds {

    static final int MAX_LENGTH = 128;

    private DeviceIds() {
    }

    static String validate(String deviceId) {
        if (deviceId.isBlank() || deviceId.length() > MAX_LENGTH || deviceId.chars().anyMatch(Character::isISOControl)) {
            throw ProblemException.badRequest("invalid-device-id",
                    "A deviceId has 1 to " + MAX_LENGTH + " printable characters.");
        }
        return deviceId;
    }
}
