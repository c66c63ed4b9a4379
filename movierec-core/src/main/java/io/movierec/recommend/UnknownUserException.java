package io.movierec.recommend;

/** A request named a user id the user store does not hold. */
public class UnknownUserException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final int userId;

  /** An exception naming the unknown id. */
  public UnknownUserException(int userId) {
    super(
        "unknown user id "
            + userId
            + " (not in the user store; recommend for a new user by profile instead)");
    this.userId = userId;
  }

  /** The id asked for. */
  public int userId() {
    return userId;
  }
}
