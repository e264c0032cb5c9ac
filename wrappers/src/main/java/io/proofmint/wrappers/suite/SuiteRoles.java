package io.proofmint.wrappers.suite;

import java.util.List;

/** The role names under which the deployment manifest records each contract of the suite. */
public final class SuiteRoles {

  public static final String PAYMENT_TOKEN = "PaymentToken";
  public static final String STAKE_TOKEN = "StakeToken";
  public static final String STAKE_MANAGER = "StakeManager";
  public static final String MODEL_TOKEN_FACTORY = "ModelTokenFactory";
  public static final String REVENUE_ROUTER = "RevenueRouter";
  public static final String TRAINING_REGISTRY = "TrainingRegistry";
  public static final String USAGE_ESCROW = "UsageEscrow";

  /** Every role, in deployment order. */
  public static final List<String> ALL =
      List.of(
          PAYMENT_TOKEN,
          STAKE_TOKEN,
          STAKE_MANAGER,
          MODEL_TOKEN_FACTORY,
          REVENUE_ROUTER,
          TRAINING_REGISTRY,
          USAGE_ESCROW);

  private SuiteRoles() {}
}
