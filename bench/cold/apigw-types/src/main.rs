use apigw_types as _;

fn main() {
    println!("{}", env!("CARGO_PKG_NAME"));
}
