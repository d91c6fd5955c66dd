-- Querent demo warehouse: five business domains, one schema each.
-- Executed statement by statement (split on semicolons at line ends) before the data is appended.
-- Keys are declared, UNIQUE constraints are not: the generator makes e-mails, names and SKUs unique
-- by construction, and the extra indexes would only slow generation down.

-- ============================================================================ ecommerce
CREATE SCHEMA ecommerce;
-- Online store: customers, catalogue, orders and product reviews

CREATE TABLE ecommerce.customers (
    customer_id  INTEGER PRIMARY KEY,
    first_name   VARCHAR NOT NULL,
    last_name    VARCHAR NOT NULL,
    email        VARCHAR NOT NULL,
    city         VARCHAR NOT NULL,
    country      VARCHAR NOT NULL,
    signup_date  DATE NOT NULL,
    segment      VARCHAR NOT NULL
);
COMMENT ON TABLE ecommerce.customers IS 'People and businesses with an account in the online store';
COMMENT ON COLUMN ecommerce.customers.customer_id IS 'Unique customer identifier';
COMMENT ON COLUMN ecommerce.customers.email IS 'Login and contact e-mail address';
COMMENT ON COLUMN ecommerce.customers.city IS 'City of the default shipping address';
COMMENT ON COLUMN ecommerce.customers.country IS 'Country of the default shipping address';
COMMENT ON COLUMN ecommerce.customers.signup_date IS 'Date the account was created';
COMMENT ON COLUMN ecommerce.customers.segment IS 'Customer segment: Consumer, Small Business or Corporate';

CREATE TABLE ecommerce.products (
    product_id      INTEGER PRIMARY KEY,
    name            VARCHAR NOT NULL,
    category        VARCHAR NOT NULL,
    brand           VARCHAR NOT NULL,
    price           DECIMAL(12,2) NOT NULL,
    cost            DECIMAL(12,2) NOT NULL,
    stock_quantity  INTEGER NOT NULL,
    is_active       BOOLEAN NOT NULL,
    added_date      DATE NOT NULL
);
COMMENT ON TABLE ecommerce.products IS 'Catalogue of products sold in the online store';
COMMENT ON COLUMN ecommerce.products.name IS 'Product name as shown in the store';
COMMENT ON COLUMN ecommerce.products.category IS 'Product category, e.g. Electronics, Books, Clothing';
COMMENT ON COLUMN ecommerce.products.price IS 'Current list price in USD';
COMMENT ON COLUMN ecommerce.products.cost IS 'Unit cost to the store in USD (price minus cost is the margin)';
COMMENT ON COLUMN ecommerce.products.stock_quantity IS 'Units currently in the warehouse';
COMMENT ON COLUMN ecommerce.products.is_active IS 'False when the product is discontinued';
COMMENT ON COLUMN ecommerce.products.added_date IS 'Date the product was added to the catalogue';

CREATE TABLE ecommerce.orders (
    order_id        INTEGER PRIMARY KEY,
    customer_id     INTEGER NOT NULL REFERENCES ecommerce.customers (customer_id),
    order_date      DATE NOT NULL,
    status          VARCHAR NOT NULL,
    payment_method  VARCHAR NOT NULL,
    shipped_date    DATE,
    total_amount    DECIMAL(12,2) NOT NULL
);
COMMENT ON TABLE ecommerce.orders IS 'Orders placed in the online store, one row per checkout';
COMMENT ON COLUMN ecommerce.orders.customer_id IS 'Customer who placed the order';
COMMENT ON COLUMN ecommerce.orders.order_date IS 'Date the order was placed';
COMMENT ON COLUMN ecommerce.orders.status IS 'Order status: pending, processing, shipped, delivered, cancelled or returned';
COMMENT ON COLUMN ecommerce.orders.payment_method IS 'credit_card, debit_card, paypal, gift_card or bank_transfer';
COMMENT ON COLUMN ecommerce.orders.shipped_date IS 'Date the order left the warehouse; NULL if not shipped';
COMMENT ON COLUMN ecommerce.orders.total_amount IS 'Order total in USD: sum of quantity * unit_price - discount_amount over its items';

CREATE TABLE ecommerce.order_items (
    order_item_id    INTEGER PRIMARY KEY,
    order_id         INTEGER NOT NULL REFERENCES ecommerce.orders (order_id),
    product_id       INTEGER NOT NULL REFERENCES ecommerce.products (product_id),
    quantity         INTEGER NOT NULL,
    unit_price       DECIMAL(12,2) NOT NULL,
    discount_amount  DECIMAL(12,2) NOT NULL
);
COMMENT ON TABLE ecommerce.order_items IS 'Line items of orders: which products, how many, at what price';
COMMENT ON COLUMN ecommerce.order_items.quantity IS 'Units ordered';
COMMENT ON COLUMN ecommerce.order_items.unit_price IS 'Price per unit in USD at the time of the order';
COMMENT ON COLUMN ecommerce.order_items.discount_amount IS 'Discount on the whole line in USD';

CREATE TABLE ecommerce.reviews (
    review_id      INTEGER PRIMARY KEY,
    product_id     INTEGER NOT NULL REFERENCES ecommerce.products (product_id),
    customer_id    INTEGER NOT NULL REFERENCES ecommerce.customers (customer_id),
    rating         INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    title          VARCHAR NOT NULL,
    review_date    DATE NOT NULL,
    helpful_votes  INTEGER NOT NULL
);
COMMENT ON TABLE ecommerce.reviews IS 'Product reviews written by customers who bought the product';
COMMENT ON COLUMN ecommerce.reviews.rating IS 'Star rating from 1 (worst) to 5 (best)';
COMMENT ON COLUMN ecommerce.reviews.review_date IS 'Date the review was posted';
COMMENT ON COLUMN ecommerce.reviews.helpful_votes IS 'How many shoppers marked the review as helpful';

-- ============================================================================ finance
CREATE SCHEMA finance;
-- Retail bank: customers, accounts, transactions, loans and credit cards

CREATE TABLE finance.customers (
    customer_id     INTEGER PRIMARY KEY,
    first_name      VARCHAR NOT NULL,
    last_name       VARCHAR NOT NULL,
    email           VARCHAR NOT NULL,
    date_of_birth   DATE NOT NULL,
    city            VARCHAR NOT NULL,
    country         VARCHAR NOT NULL,
    credit_score    INTEGER NOT NULL,
    annual_income   DECIMAL(12,2) NOT NULL,
    customer_since  DATE NOT NULL
);
COMMENT ON TABLE finance.customers IS 'Bank customers (account holders)';
COMMENT ON COLUMN finance.customers.credit_score IS 'Credit score from 300 to 850; higher is better';
COMMENT ON COLUMN finance.customers.annual_income IS 'Declared yearly income in USD';
COMMENT ON COLUMN finance.customers.customer_since IS 'Date the customer joined the bank';

CREATE TABLE finance.accounts (
    account_id    INTEGER PRIMARY KEY,
    customer_id   INTEGER NOT NULL REFERENCES finance.customers (customer_id),
    account_type  VARCHAR NOT NULL,
    currency      VARCHAR NOT NULL,
    balance       DECIMAL(12,2) NOT NULL,
    opened_date   DATE NOT NULL,
    status        VARCHAR NOT NULL
);
COMMENT ON TABLE finance.accounts IS 'Deposit accounts held by bank customers';
COMMENT ON COLUMN finance.accounts.account_type IS 'checking, savings, business or money_market';
COMMENT ON COLUMN finance.accounts.currency IS 'ISO 4217 currency code of the account';
COMMENT ON COLUMN finance.accounts.balance IS 'Current balance in the account currency';
COMMENT ON COLUMN finance.accounts.status IS 'Account status: active, dormant or closed';

CREATE TABLE finance.transactions (
    transaction_id     INTEGER PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES finance.accounts (account_id),
    transaction_date   TIMESTAMP NOT NULL,
    transaction_type   VARCHAR NOT NULL,
    amount             DECIMAL(12,2) NOT NULL,
    merchant_name      VARCHAR,
    merchant_category  VARCHAR,
    channel            VARCHAR NOT NULL,
    status             VARCHAR NOT NULL
);
COMMENT ON TABLE finance.transactions IS 'Money movements on accounts';
COMMENT ON COLUMN finance.transactions.transaction_date IS 'Date and time the transaction was made';
COMMENT ON COLUMN finance.transactions.transaction_type IS 'deposit, withdrawal, payment, transfer, fee or interest';
COMMENT ON COLUMN finance.transactions.amount IS 'Amount in the account currency, always positive; transaction_type gives the direction (deposit and interest add money, the others take it out)';
COMMENT ON COLUMN finance.transactions.merchant_name IS 'Merchant paid; NULL unless transaction_type is payment';
COMMENT ON COLUMN finance.transactions.merchant_category IS 'Merchant category, e.g. groceries, travel, dining; NULL unless a payment';
COMMENT ON COLUMN finance.transactions.channel IS 'Where it was made: online, mobile, branch or atm';
COMMENT ON COLUMN finance.transactions.status IS 'completed, pending or failed';

CREATE TABLE finance.loans (
    loan_id           INTEGER PRIMARY KEY,
    customer_id       INTEGER NOT NULL REFERENCES finance.customers (customer_id),
    loan_type         VARCHAR NOT NULL,
    principal_amount  DECIMAL(12,2) NOT NULL,
    interest_rate     DECIMAL(5,2) NOT NULL,
    term_months       INTEGER NOT NULL,
    monthly_payment   DECIMAL(12,2) NOT NULL,
    start_date        DATE NOT NULL,
    status            VARCHAR NOT NULL
);
COMMENT ON TABLE finance.loans IS 'Loans granted to customers';
COMMENT ON COLUMN finance.loans.loan_type IS 'mortgage, auto, personal, student or business';
COMMENT ON COLUMN finance.loans.principal_amount IS 'Amount borrowed in USD';
COMMENT ON COLUMN finance.loans.interest_rate IS 'Annual interest rate in percent';
COMMENT ON COLUMN finance.loans.term_months IS 'Length of the loan in months';
COMMENT ON COLUMN finance.loans.monthly_payment IS 'Fixed monthly instalment in USD';
COMMENT ON COLUMN finance.loans.status IS 'active, paid_off, late or defaulted';

CREATE TABLE finance.credit_cards (
    card_id          INTEGER PRIMARY KEY,
    customer_id      INTEGER NOT NULL REFERENCES finance.customers (customer_id),
    card_network     VARCHAR NOT NULL,
    card_tier        VARCHAR NOT NULL,
    last_four        VARCHAR NOT NULL,
    credit_limit     DECIMAL(12,2) NOT NULL,
    current_balance  DECIMAL(12,2) NOT NULL,
    apr              DECIMAL(5,2) NOT NULL,
    issued_date      DATE NOT NULL,
    expiry_date      DATE NOT NULL,
    status           VARCHAR NOT NULL
);
COMMENT ON TABLE finance.credit_cards IS 'Credit cards issued to customers';
COMMENT ON COLUMN finance.credit_cards.card_network IS 'Visa, Mastercard, American Express or Discover';
COMMENT ON COLUMN finance.credit_cards.card_tier IS 'Classic, Gold, Platinum or Business';
COMMENT ON COLUMN finance.credit_cards.last_four IS 'Last four digits of the card number';
COMMENT ON COLUMN finance.credit_cards.credit_limit IS 'Spending limit in USD';
COMMENT ON COLUMN finance.credit_cards.current_balance IS 'Amount currently owed in USD';
COMMENT ON COLUMN finance.credit_cards.apr IS 'Annual percentage rate in percent';
COMMENT ON COLUMN finance.credit_cards.status IS 'active, blocked or expired';

-- ============================================================================ healthcare
CREATE SCHEMA healthcare;
-- Hospital: departments, doctors, patients, appointments and prescriptions

CREATE TABLE healthcare.departments (
    department_id    INTEGER PRIMARY KEY,
    name             VARCHAR NOT NULL,
    floor            INTEGER NOT NULL,
    phone_extension  VARCHAR NOT NULL,
    annual_budget    DECIMAL(12,2) NOT NULL
);
COMMENT ON TABLE healthcare.departments IS 'Clinical departments of the hospital';
COMMENT ON COLUMN healthcare.departments.name IS 'Department name, e.g. Cardiology';
COMMENT ON COLUMN healthcare.departments.annual_budget IS 'Yearly budget in USD';

CREATE TABLE healthcare.doctors (
    doctor_id              INTEGER PRIMARY KEY,
    first_name             VARCHAR NOT NULL,
    last_name              VARCHAR NOT NULL,
    department_id          INTEGER NOT NULL REFERENCES healthcare.departments (department_id),
    specialty              VARCHAR NOT NULL,
    email                  VARCHAR NOT NULL,
    hire_date              DATE NOT NULL,
    consultation_fee       DECIMAL(12,2) NOT NULL,
    is_accepting_patients  BOOLEAN NOT NULL
);
COMMENT ON TABLE healthcare.doctors IS 'Physicians employed by the hospital';
COMMENT ON COLUMN healthcare.doctors.specialty IS 'Medical specialty within the department';
COMMENT ON COLUMN healthcare.doctors.hire_date IS 'Date the doctor joined the hospital';
COMMENT ON COLUMN healthcare.doctors.consultation_fee IS 'Fee per appointment in USD';
COMMENT ON COLUMN healthcare.doctors.is_accepting_patients IS 'Whether new patients can book this doctor';

CREATE TABLE healthcare.patients (
    patient_id          INTEGER PRIMARY KEY,
    first_name          VARCHAR NOT NULL,
    last_name           VARCHAR NOT NULL,
    date_of_birth       DATE NOT NULL,
    gender              VARCHAR NOT NULL,
    blood_type          VARCHAR NOT NULL,
    city                VARCHAR NOT NULL,
    insurance_provider  VARCHAR NOT NULL,
    registered_date     DATE NOT NULL
);
COMMENT ON TABLE healthcare.patients IS 'Patients registered at the hospital';
COMMENT ON COLUMN healthcare.patients.gender IS 'Female, Male or Other';
COMMENT ON COLUMN healthcare.patients.blood_type IS 'ABO blood group with Rh factor, e.g. O+, AB-';
COMMENT ON COLUMN healthcare.patients.insurance_provider IS 'Health insurer, or Self-pay';
COMMENT ON COLUMN healthcare.patients.registered_date IS 'Date of first registration at the hospital';

CREATE TABLE healthcare.appointments (
    appointment_id    INTEGER PRIMARY KEY,
    patient_id        INTEGER NOT NULL REFERENCES healthcare.patients (patient_id),
    doctor_id         INTEGER NOT NULL REFERENCES healthcare.doctors (doctor_id),
    appointment_date  TIMESTAMP NOT NULL,
    duration_minutes  INTEGER NOT NULL,
    reason            VARCHAR NOT NULL,
    status            VARCHAR NOT NULL,
    fee               DECIMAL(12,2) NOT NULL
);
COMMENT ON TABLE healthcare.appointments IS 'Patient visits booked with doctors';
COMMENT ON COLUMN healthcare.appointments.appointment_date IS 'Scheduled start date and time';
COMMENT ON COLUMN healthcare.appointments.duration_minutes IS 'Booked length of the visit in minutes';
COMMENT ON COLUMN healthcare.appointments.reason IS 'Reason for the visit as given when booking';
COMMENT ON COLUMN healthcare.appointments.status IS 'scheduled, completed, cancelled or no_show';
COMMENT ON COLUMN healthcare.appointments.fee IS 'Amount billed in USD; 0 unless completed';

CREATE TABLE healthcare.prescriptions (
    prescription_id  INTEGER PRIMARY KEY,
    appointment_id   INTEGER NOT NULL REFERENCES healthcare.appointments (appointment_id),
    patient_id       INTEGER NOT NULL REFERENCES healthcare.patients (patient_id),
    doctor_id        INTEGER NOT NULL REFERENCES healthcare.doctors (doctor_id),
    medication_name  VARCHAR NOT NULL,
    dosage           VARCHAR NOT NULL,
    frequency        VARCHAR NOT NULL,
    prescribed_date  DATE NOT NULL,
    duration_days    INTEGER NOT NULL,
    refills          INTEGER NOT NULL,
    cost             DECIMAL(12,2) NOT NULL
);
COMMENT ON TABLE healthcare.prescriptions IS 'Medications prescribed during completed appointments';
COMMENT ON COLUMN healthcare.prescriptions.medication_name IS 'Generic name of the medication';
COMMENT ON COLUMN healthcare.prescriptions.dosage IS 'Strength per dose, e.g. 10 mg';
COMMENT ON COLUMN healthcare.prescriptions.frequency IS 'How often to take it, e.g. Once daily';
COMMENT ON COLUMN healthcare.prescriptions.duration_days IS 'Length of the course in days';
COMMENT ON COLUMN healthcare.prescriptions.refills IS 'Number of refills allowed';
COMMENT ON COLUMN healthcare.prescriptions.cost IS 'Cost of the prescription in USD';

-- ============================================================================ saas
CREATE SCHEMA saas;
-- Multi-tenant software product: organizations, users, plans, subscriptions and features

CREATE TABLE saas.plans (
    plan_id        INTEGER PRIMARY KEY,
    name           VARCHAR NOT NULL,
    monthly_price  DECIMAL(12,2) NOT NULL,
    annual_price   DECIMAL(12,2) NOT NULL,
    max_users      INTEGER,
    storage_gb     INTEGER NOT NULL,
    support_level  VARCHAR NOT NULL
);
COMMENT ON TABLE saas.plans IS 'Pricing plans on offer';
COMMENT ON COLUMN saas.plans.name IS 'Free, Starter, Professional, Business or Enterprise';
COMMENT ON COLUMN saas.plans.monthly_price IS 'Price per month in USD when billed monthly';
COMMENT ON COLUMN saas.plans.annual_price IS 'Price per year in USD when billed annually';
COMMENT ON COLUMN saas.plans.max_users IS 'Seat limit; NULL means unlimited';
COMMENT ON COLUMN saas.plans.support_level IS 'community, email, priority or dedicated';

CREATE TABLE saas.organizations (
    organization_id  INTEGER PRIMARY KEY,
    name             VARCHAR NOT NULL,
    domain           VARCHAR NOT NULL,
    industry         VARCHAR NOT NULL,
    country          VARCHAR NOT NULL,
    employee_count   INTEGER NOT NULL,
    created_at       TIMESTAMP NOT NULL
);
COMMENT ON TABLE saas.organizations IS 'Customer companies (tenants) using the product';
COMMENT ON COLUMN saas.organizations.domain IS 'E-mail domain of the organization';
COMMENT ON COLUMN saas.organizations.industry IS 'Industry the organization works in';
COMMENT ON COLUMN saas.organizations.employee_count IS 'Number of employees of the company (not users of the product)';
COMMENT ON COLUMN saas.organizations.created_at IS 'When the organization signed up';

CREATE TABLE saas.users (
    user_id          INTEGER PRIMARY KEY,
    organization_id  INTEGER NOT NULL REFERENCES saas.organizations (organization_id),
    email            VARCHAR NOT NULL,
    full_name        VARCHAR NOT NULL,
    role             VARCHAR NOT NULL,
    created_at       TIMESTAMP NOT NULL,
    last_login_at    TIMESTAMP,
    is_active        BOOLEAN NOT NULL
);
COMMENT ON TABLE saas.users IS 'People with a login in an organization';
COMMENT ON COLUMN saas.users.role IS 'owner, admin, member or viewer';
COMMENT ON COLUMN saas.users.created_at IS 'When the user was invited or signed up';
COMMENT ON COLUMN saas.users.last_login_at IS 'Most recent login; NULL if the user never logged in';
COMMENT ON COLUMN saas.users.is_active IS 'False when the user was deactivated';

CREATE TABLE saas.subscriptions (
    subscription_id   INTEGER PRIMARY KEY,
    organization_id   INTEGER NOT NULL REFERENCES saas.organizations (organization_id),
    plan_id           INTEGER NOT NULL REFERENCES saas.plans (plan_id),
    status            VARCHAR NOT NULL,
    billing_cycle     VARCHAR NOT NULL,
    start_date        DATE NOT NULL,
    end_date          DATE,
    discount_percent  INTEGER NOT NULL,
    mrr               DECIMAL(12,2) NOT NULL
);
COMMENT ON TABLE saas.subscriptions IS 'Plan subscriptions of organizations over time; a plan change ends one subscription and starts the next';
COMMENT ON COLUMN saas.subscriptions.status IS 'active, trialing, past_due, cancelled (customer left) or expired (replaced by a plan change)';
COMMENT ON COLUMN saas.subscriptions.billing_cycle IS 'monthly or annual';
COMMENT ON COLUMN saas.subscriptions.end_date IS 'Last day of the subscription; NULL while it runs';
COMMENT ON COLUMN saas.subscriptions.discount_percent IS 'Negotiated discount in percent';
COMMENT ON COLUMN saas.subscriptions.mrr IS 'Monthly recurring revenue in USD after discount (annual price / 12 for annual billing)';

CREATE TABLE saas.features (
    feature_id     INTEGER PRIMARY KEY,
    name           VARCHAR NOT NULL,
    category       VARCHAR NOT NULL,
    min_plan_id    INTEGER NOT NULL REFERENCES saas.plans (plan_id),
    released_date  DATE NOT NULL,
    is_beta        BOOLEAN NOT NULL
);
COMMENT ON TABLE saas.features IS 'Product features and the cheapest plan that includes each';
COMMENT ON COLUMN saas.features.category IS 'Security, Collaboration, Analytics, Integrations or Administration';
COMMENT ON COLUMN saas.features.min_plan_id IS 'Cheapest plan that includes the feature; every more expensive plan has it too';
COMMENT ON COLUMN saas.features.released_date IS 'Date the feature was released';
COMMENT ON COLUMN saas.features.is_beta IS 'Whether the feature is still in beta';

-- ============================================================================ retail
CREATE SCHEMA retail;
-- Chain of physical stores: stores, staff, products, stock levels and sales

CREATE TABLE retail.stores (
    store_id     INTEGER PRIMARY KEY,
    name         VARCHAR NOT NULL,
    city         VARCHAR NOT NULL,
    state        VARCHAR NOT NULL,
    region       VARCHAR NOT NULL,
    store_type   VARCHAR NOT NULL,
    square_feet  INTEGER NOT NULL,
    opened_date  DATE NOT NULL
);
COMMENT ON TABLE retail.stores IS 'Physical stores of the retail chain (all in the United States)';
COMMENT ON COLUMN retail.stores.state IS 'Two-letter US state code';
COMMENT ON COLUMN retail.stores.region IS 'Sales region: West, Midwest, South or Northeast';
COMMENT ON COLUMN retail.stores.store_type IS 'flagship, mall, outlet or neighborhood';
COMMENT ON COLUMN retail.stores.square_feet IS 'Sales floor area';
COMMENT ON COLUMN retail.stores.opened_date IS 'Date the store opened';

CREATE TABLE retail.employees (
    employee_id  INTEGER PRIMARY KEY,
    store_id     INTEGER NOT NULL REFERENCES retail.stores (store_id),
    first_name   VARCHAR NOT NULL,
    last_name    VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,
    hire_date    DATE NOT NULL,
    hourly_wage  DECIMAL(12,2) NOT NULL,
    is_active    BOOLEAN NOT NULL
);
COMMENT ON TABLE retail.employees IS 'Store staff';
COMMENT ON COLUMN retail.employees.role IS 'Store Manager, Assistant Manager, Sales Associate, Cashier or Stock Associate';
COMMENT ON COLUMN retail.employees.hourly_wage IS 'Hourly pay in USD';
COMMENT ON COLUMN retail.employees.is_active IS 'False when the employee has left';

CREATE TABLE retail.products (
    product_id  INTEGER PRIMARY KEY,
    sku         VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    category    VARCHAR NOT NULL,
    brand       VARCHAR NOT NULL,
    unit_price  DECIMAL(12,2) NOT NULL,
    unit_cost   DECIMAL(12,2) NOT NULL
);
COMMENT ON TABLE retail.products IS 'Products sold in the stores';
COMMENT ON COLUMN retail.products.sku IS 'Stock keeping unit code';
COMMENT ON COLUMN retail.products.category IS 'Product category, e.g. Groceries, Electronics, Apparel';
COMMENT ON COLUMN retail.products.unit_price IS 'Shelf price in USD';
COMMENT ON COLUMN retail.products.unit_cost IS 'Purchase cost per unit in USD';

CREATE TABLE retail.inventory (
    store_id             INTEGER NOT NULL REFERENCES retail.stores (store_id),
    product_id           INTEGER NOT NULL REFERENCES retail.products (product_id),
    quantity_on_hand     INTEGER NOT NULL,
    reorder_level        INTEGER NOT NULL,
    last_restocked_date  DATE NOT NULL,
    PRIMARY KEY (store_id, product_id)
);
COMMENT ON TABLE retail.inventory IS 'Current stock of each product in each store that carries it';
COMMENT ON COLUMN retail.inventory.quantity_on_hand IS 'Units on the shelf and in the back room now';
COMMENT ON COLUMN retail.inventory.reorder_level IS 'Restock when quantity_on_hand falls to or below this';
COMMENT ON COLUMN retail.inventory.last_restocked_date IS 'Date of the last delivery';

CREATE TABLE retail.sales (
    sale_id          INTEGER PRIMARY KEY,
    store_id         INTEGER NOT NULL REFERENCES retail.stores (store_id),
    product_id       INTEGER NOT NULL REFERENCES retail.products (product_id),
    employee_id      INTEGER NOT NULL REFERENCES retail.employees (employee_id),
    sale_date        TIMESTAMP NOT NULL,
    quantity         INTEGER NOT NULL,
    unit_price       DECIMAL(12,2) NOT NULL,
    discount_amount  DECIMAL(12,2) NOT NULL,
    total_amount     DECIMAL(12,2) NOT NULL,
    payment_method   VARCHAR NOT NULL
);
COMMENT ON TABLE retail.sales IS 'Point-of-sale lines: one product sold in one store';
COMMENT ON COLUMN retail.sales.employee_id IS 'Employee who rang up the sale';
COMMENT ON COLUMN retail.sales.sale_date IS 'Date and time of the sale';
COMMENT ON COLUMN retail.sales.unit_price IS 'Shelf price per unit in USD';
COMMENT ON COLUMN retail.sales.discount_amount IS 'Discount on the line in USD';
COMMENT ON COLUMN retail.sales.total_amount IS 'quantity * unit_price - discount_amount, in USD';
COMMENT ON COLUMN retail.sales.payment_method IS 'card, cash, mobile_wallet or gift_card';
