package io.strata.control;

/** Aurora's rule for master passwords, shared by the control plane and clients that check before they act. */
public final class MasterPasswords {
    private MasterPasswords() {
    }

    /**
     * Returns {@code password} if Aurora would take it: 8 to 41 printable ASCII characters, none of '/', '"', '@'
     * or space.
     *
     * @throws ControlException InvalidParameterValue, saying what is wrong
     */
    public static String check(String password) {
        if (password == null || password.length() < 8 || password.length() > 41) {
            throw Fault.INVALID_PARAMETER_VALUE.error("The parameter MasterUserPassword is not a valid password"
                    + " because it is shorter than 8 characters or longer than 41.");
        }
        for (char ch : password.toCharArray()) {
            if (ch < 0x21 || ch > 0x7e || ch == '/' || ch == '"' || ch == '@') {
                throw Fault.INVALID_PARAMETER_VALUE.error("The parameter MasterUserPassword is not a valid password."
                        + " Only printable ASCII characters besides '/', '@', '\"', ' ' may be used.");
            }
        }
        return password;
    }
}
